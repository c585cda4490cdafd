import { readOwnContact } from './contact.js';
import type { FastifyInstance, FastifyReply, preValidationHookHandler } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { actorOf, localReturnPath } from './access.js';
import { addPasskey, removePasskey, removeTotp } from './accounts/mfa-changes.js';
import {
  bodyOf,
  CEREMONY_COOKIE,
  clientOf,
  cookieOptions,
  deviceKeyOf,
  FLOW_COOKIE,
  sendPage,
  text,
} from './http-support.js';
import type { IdentityDeps } from './identity.routes.js';
import { loadAccountState } from './login/account-state.js';
import { passkeyLoginOptions, passkeyLoginStep } from './login/passkey-step.js';
import { loadStepUpMethods, stepUpPasskeyOptions, stepUpWithPasskey, stepUpWithSecret } from './login/step-up.js';
import { totpAllowed } from './mfa-policy.js';
import { securityPage, stepUpPage } from './pages/passkeys.page.js';
import { listPasskeys, passkeyName, registrationOptions } from './passkeys/passkeys.js';
import { relyingParty } from './passkeys/relying-party.js';
import { setSessionCookie } from './sessions/cookie.js';

/** Ceremonies one address may start per minute without a session (login, invitation). */
export const CEREMONY_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

const notices: Record<string, string> = {
  ajoutee: 'La clé d’accès est enregistrée. Vos autres sessions ont été fermées.',
  supprimee: 'La clé d’accès est supprimée. Vos autres sessions ont été fermées.',
  'totp-desactive': 'L’application d’authentification est désactivée. Vos autres sessions ont été fermées.',
};

/**
 * Passkeys and the step-up: login by passkey (alone or after the password), the verification
 * before a sensitive action, and the page where an account adds or removes its factors.
 * Ceremony endpoints answer JSON to static/cles.js; they sit with the forms, so the CSRF token
 * (sent as the `x-csrf-token` header) guards them too.
 */
export function registerMfaRoutes(
  forms: FastifyInstance,
  deps: IdentityDeps,
  guarded: { preValidation: preValidationHookHandler },
): void {
  const rp = relyingParty(deps.publicUrl);
  const page = { schema: { hide: true }, config: { access: { level: 'page' as const } } };
  // The step-up pages also serve a staff session whose move here waits for its second factor.
  const verification = { schema: { hide: true }, config: { access: { level: 'page' as const, verification: true } } };
  const sensitive = {
    schema: { hide: true },
    config: { access: { level: 'page' as const, stepUp: true, returnTo: '/compte/cles' } },
  };
  const open = { schema: { hide: true }, config: { access: { level: 'public' as const } } };
  // Each anonymous ceremony stores a challenge for ten minutes: one address may start a few.
  const anonymousCeremony = {
    schema: { hide: true },
    config: { access: { level: 'public' as const }, rateLimit: CEREMONY_RATE_LIMIT },
  };
  const startCeremony = (reply: FastifyReply, flow: string) => reply.setCookie(CEREMONY_COOKIE, flow, cookieOptions);
  const endCeremony = (reply: FastifyReply) => reply.clearCookie(CEREMONY_COOKIE, cookieOptions);

  /** The account's factors as its page shows them: its passkeys, and whether TOTP is on or allowed. */
  async function factorsPage(accountId: string, csrfToken: string, notice: { info?: string; error?: string }) {
    const state = await loadAccountState(deps.db, accountId);
    if (!state) throw new AppError('SESSION_EXPIRED');
    const totp = state.hasTotp ? 'enrolled' : totpAllowed(state.requirement) ? 'available' : 'not_allowed';
    return securityPage({ csrfToken, passkeys: await listPasskeys(deps.db, accountId), totp, ...notice });
  }

  forms.post('/connexion/cle/options', { ...guarded, ...anonymousCeremony }, async (request, reply) => {
    const { flow, options } = await passkeyLoginOptions(deps, rp, request.cookies[FLOW_COOKIE]);
    startCeremony(reply, flow);
    return { options };
  });
  forms.post('/connexion/cle', { ...guarded, ...open }, async (request, reply) => {
    const body = bodyOf(request);
    const result = await passkeyLoginStep(deps, rp, {
      flowHandle: request.cookies[CEREMONY_COOKIE],
      mfaFlowHandle: request.cookies[FLOW_COOKIE],
      response: body.response,
      deviceKey: deviceKeyOf(body.device_key),
      client: clientOf(request),
    });
    endCeremony(reply);
    reply.clearCookie(FLOW_COOKIE, cookieOptions);
    setSessionCookie(reply, result.cookie);
    return { redirect: '/compte' };
  });

  forms.get('/compte/verification', verification, async (request, reply) => {
    const retour = localReturnPath((request.query as Record<string, string>).retour);
    const methods = await loadStepUpMethods(deps, request.session!);
    return sendPage(reply, stepUpPage({ csrfToken: reply.generateCsrf(), methods, retour }), deps.mode);
  });
  forms.post('/compte/verification', { ...guarded, ...verification }, async (request, reply) => {
    const body = bodyOf(request);
    const retour = localReturnPath(text(body.retour));
    try {
      const { cookie } = await stepUpWithSecret(deps, request.session!, {
        method: body.method === 'password' ? 'password' : 'totp',
        value: text(body.code),
        client: clientOf(request),
      });
      setSessionCookie(reply, cookie);
      return reply.redirect(retour, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'MFA_INVALID') throw error;
      const methods = await loadStepUpMethods(deps, request.session!);
      const error_ = body.method === 'password' ? 'Mot de passe incorrect. Veuillez réessayer.' : error.message;
      return sendPage(
        reply,
        stepUpPage({ csrfToken: reply.generateCsrf(), methods, retour, error: error_ }),
        deps.mode,
        401,
      );
    }
  });
  forms.post('/compte/verification/cle/options', { ...guarded, ...verification }, async (request, reply) => {
    const { flow, options } = await stepUpPasskeyOptions(deps, rp, request.session!);
    startCeremony(reply, flow);
    return { options };
  });
  forms.post('/compte/verification/cle', { ...guarded, ...verification }, async (request, reply) => {
    const body = bodyOf(request);
    const { cookie } = await stepUpWithPasskey(deps, rp, request.session!, {
      flowHandle: request.cookies[CEREMONY_COOKIE],
      response: body.response,
      client: clientOf(request),
    });
    endCeremony(reply);
    setSessionCookie(reply, cookie);
    return { redirect: localReturnPath(text(body.retour)) };
  });

  forms.get('/compte/cles', page, async (request, reply) => {
    const session = request.session!;
    const fait = (request.query as Record<string, string>).fait;
    const content = await factorsPage(session.accountId, reply.generateCsrf(), {
      info: fait ? notices[fait] : undefined,
    });
    return sendPage(reply, content, deps.mode);
  });
  forms.post('/compte/cles/options', { ...guarded, ...sensitive }, async (request, reply) => {
    const session = request.session!;
    const contact = await readOwnContact(deps.vault, actorOf(request));
    if (!contact) throw new AppError('SESSION_EXPIRED');
    const { flow, options } = await registrationOptions(deps, rp, {
      id: session.accountId,
      userName: contact.email,
      displayName: contact.displayName ?? contact.email,
    });
    startCeremony(reply, flow);
    return { options };
  });
  forms.post('/compte/cles', { ...guarded, ...sensitive }, async (request, reply) => {
    const body = bodyOf(request);
    const { cookie } = await addPasskey(deps, rp, request.session!, {
      flowHandle: request.cookies[CEREMONY_COOKIE],
      response: body.response,
      name: passkeyName(text(body.name), deps.clock.now()),
      clientAddr: request.ip,
    });
    endCeremony(reply);
    setSessionCookie(reply, cookie);
    return { redirect: '/compte/cles?fait=ajoutee' };
  });

  // Removing a factor: a plain form; the last factor a policy requires cannot go.
  for (const [url, remove, done] of [
    ['/compte/cles/supprimer', 'passkey', 'supprimee'],
    ['/compte/totp/supprimer', 'totp', 'totp-desactive'],
  ] as const) {
    forms.post(url, { ...guarded, ...sensitive }, async (request, reply) => {
      const session = request.session!;
      try {
        const { cookie } =
          remove === 'passkey'
            ? await removePasskey(deps, session, text(bodyOf(request).passkey), request.ip)
            : await removeTotp(deps, session, request.ip);
        setSessionCookie(reply, cookie);
        return reply.redirect(`/compte/cles?fait=${done}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'LAST_FACTOR') throw error;
        const content = await factorsPage(session.accountId, reply.generateCsrf(), { error: error.message });
        return sendPage(reply, content, deps.mode, 409);
      }
    });
  }
}
