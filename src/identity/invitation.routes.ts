import type { FastifyInstance, FastifyReply, preValidationHookHandler } from 'fastify';
import { AppError } from '../kernel/errors.js';
import {
  completeInvitationWithPasskey,
  completeInvitationWithTotp,
  invitationPasskeyOptions,
  invitationTotp,
  openInvitation,
  setInvitationPassword,
  type Invitation,
} from './accounts/invitation.js';
import { bodyOf, CEREMONY_COOKIE, cookieOptions, sendPage, text } from './http-support.js';
import type { IdentityDeps } from './identity.routes.js';
import { CEREMONY_RATE_LIMIT } from './mfa.routes.js';
import { invitationFactorPage, invitationInvalidPage, invitationPasswordPage } from './pages/invitation.page.js';
import { recoveryCodesPage, totpScan } from './pages/totp.page.js';
import { passkeyName } from './passkeys/passkeys.js';
import { relyingParty } from './passkeys/relying-party.js';

const DONE = '/connexion?invitation=terminee';

/**
 * The invitation a staff member receives once a second person approved their account: choose a
 * password, then enrol a passkey (or TOTP where the policy allows it). Public pages: the link
 * is the proof, and it is spent only by the last step.
 */
export function registerInvitationRoutes(
  forms: FastifyInstance,
  deps: IdentityDeps,
  guarded: { preValidation: preValidationHookHandler },
): void {
  const rp = relyingParty(deps.publicUrl);
  const open = { schema: { hide: true }, config: { access: { level: 'public' as const } } };
  const limited = { ...open, config: { ...open.config, rateLimit: CEREMONY_RATE_LIMIT } };

  async function showStep(reply: FastifyReply, token: string, invitation: Invitation | null, error?: string) {
    if (!invitation) return sendPage(reply, invitationInvalidPage(), deps.mode, 400);
    const csrfToken = reply.generateCsrf();
    if (invitation.step === 'password') {
      return sendPage(reply, invitationPasswordPage({ csrfToken, token, email: invitation.email }), deps.mode);
    }
    const totp = await invitationTotp(deps, invitation);
    const scan = totp ? await totpScan(totp) : null;
    return sendPage(reply, invitationFactorPage({ csrfToken, token, totp: scan, error }), deps.mode, error ? 400 : 200);
  }

  forms.get('/invitation/:token', open, async (request, reply) => {
    const token = String((request.params as Record<string, string>).token ?? '');
    return showStep(reply, token, await openInvitation(deps, token));
  });
  forms.post('/invitation/mot-de-passe', { ...guarded, ...open }, async (request, reply) => {
    const body = bodyOf(request);
    const token = text(body.token);
    const invitation = await openInvitation(deps, token);
    if (!invitation || invitation.step !== 'password') return showStep(reply, token, invitation);
    const result = await setInvitationPassword(deps, { token, password: text(body.password), clientAddr: request.ip });
    if (result.ok) return reply.redirect(`/invitation/${token}`, 303);
    const page = invitationPasswordPage({
      csrfToken: reply.generateCsrf(),
      token,
      email: invitation.email,
      passwordError: result.problems.map((problem) => problem.message).join(' '),
    });
    return sendPage(reply, page, deps.mode, 400);
  });
  forms.post('/invitation/cle/options', { ...guarded, ...limited }, async (request, reply) => {
    const { flow, options } = await invitationPasskeyOptions(deps, rp, text(bodyOf(request).token));
    reply.setCookie(CEREMONY_COOKIE, flow, cookieOptions);
    return { options };
  });
  forms.post('/invitation/cle', { ...guarded, ...open }, async (request, reply) => {
    const body = bodyOf(request);
    await completeInvitationWithPasskey(deps, rp, {
      token: text(body.token),
      flowHandle: request.cookies[CEREMONY_COOKIE],
      response: body.response,
      name: passkeyName(text(body.name), deps.clock.now()),
      clientAddr: request.ip,
    });
    reply.clearCookie(CEREMONY_COOKIE, cookieOptions);
    return { redirect: DONE };
  });
  forms.post('/invitation/totp', { ...guarded, ...open }, async (request, reply) => {
    const body = bodyOf(request);
    const token = text(body.token);
    try {
      const { recoveryCodes } = await completeInvitationWithTotp(deps, {
        token,
        code: text(body.code),
        clientAddr: request.ip,
      });
      const page = recoveryCodesPage({ csrfToken: reply.generateCsrf(), codes: recoveryCodes, next: DONE });
      return sendPage(reply, { ...page, account: undefined }, deps.mode);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'MFA_INVALID') throw error;
      // A wrong code: the same secret to scan again, and the reason.
      return showStep(reply, token, await openInvitation(deps, token), error.message);
    }
  });
}
