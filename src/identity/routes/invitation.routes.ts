import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import {
  completeInvitationWithPasskey,
  completeInvitationWithTotp,
  invitationPasskeyOptions,
  invitationTotp,
  openInvitation,
  setInvitationPassword,
} from '../accounts/invitation.js';
import { CEREMONY_COOKIE } from '../http-support.js';
import { invitationFactorPage, invitationInvalidPage, invitationPasswordPage } from '../pages/invitation.page.js';
import { recoveryCodesPage, totpScan } from '../pages/totp.page.js';
import { passkeyName } from '../passkeys/passkeys.js';
import { relyingParty } from '../passkeys/relying-party.js';
import type { IdentityDeps } from './deps.js';
import { CEREMONY_RATE_LIMIT, endCeremony, startCeremony } from './passkey.routes.js';
import { linkToken, passkeyNameField, registrationResponse, tokenParams } from './schemas.js';

const DONE = '/connexion?invitation=terminee';

/**
 * The invitation a staff member receives once a second person approved their account: choose a
 * password, then enrol a passkey (or TOTP where the policy allows it). Public pages: the link
 * is the proof, and it is spent only by the last step.
 */
export function registerInvitationRoutes(web: Web, deps: IdentityDeps): void {
  const rp = relyingParty(deps.publicUrl);

  /** The page of the invitation's current step, or the one answer for a spent or unknown link. */
  async function stepPage(token: string, form: FormState<'password' | 'code'>) {
    const invitation = await openInvitation(deps, token);
    if (!invitation) return { page: invitationInvalidPage(), status: 400 };
    if (invitation.step === 'password') {
      return { page: invitationPasswordPage({ form, token, email: invitation.email }), status: 200 };
    }
    const totp = await invitationTotp(deps, invitation);
    const scan = totp ? await totpScan(totp) : null;
    return { page: invitationFactorPage({ form, token, totp: scan }), status: 200 };
  }
  const show = async (reply: FastifyReply, token: string, form: FormState<'password' | 'code'>) => {
    const { page, status } = await stepPage(token, form);
    return reply.page(page, status);
  };
  const tokenOf = (form: FormState<string>) => (typeof form.values.token === 'string' ? form.values.token : '');

  web.page('/invitation/:token', { access: access.public(), params: tokenParams }, async (request, reply) =>
    show(reply, request.params.token, emptyForm(reply.csrfToken())),
  );
  web.form(
    '/invitation/mot-de-passe',
    {
      access: access.public(),
      fields: z.strictObject({ token: linkToken, password: formFields.password('Choisissez un mot de passe.') }),
      render: async (form) => (await stepPage(tokenOf(form), form)).page,
    },
    async (values, request, reply) => {
      const invitation = await openInvitation(deps, values.token);
      if (!invitation || invitation.step !== 'password') return show(reply, values.token, emptyForm(reply.csrfToken()));
      const result = await setInvitationPassword(deps, { ...values, clientAddr: request.ip });
      if (!result.ok) invalid({ password: result.problems.map((problem) => problem.message).join(' ') });
      return reply.redirect(`/invitation/${values.token}`, 303);
    },
  );
  web.action(
    '/invitation/cle/options',
    {
      access: access.public(),
      body: z.strictObject({ token: linkToken, name: passkeyNameField }),
      rateLimit: CEREMONY_RATE_LIMIT,
    },
    async (request, reply) => {
      const { flow, options } = await invitationPasskeyOptions(deps, rp, request.body.token);
      startCeremony(reply, flow);
      return { options };
    },
  );
  web.action(
    '/invitation/cle',
    {
      access: access.public(),
      body: z.strictObject({ token: linkToken, name: passkeyNameField, response: registrationResponse }),
    },
    async (request, reply) => {
      await completeInvitationWithPasskey(deps, rp, {
        token: request.body.token,
        flowHandle: request.cookies[CEREMONY_COOKIE],
        response: request.body.response,
        name: passkeyName(request.body.name, deps.clock.now()),
        clientAddr: request.ip,
      });
      endCeremony(reply);
      return { redirect: DONE };
    },
  );
  web.form(
    '/invitation/totp',
    {
      access: access.public(),
      fields: z.strictObject({ token: linkToken, code: formFields.code('Indiquez le code à 6 chiffres.') }),
      render: async (form) => (await stepPage(tokenOf(form), form)).page,
    },
    async (values, request, reply) => {
      try {
        const { recoveryCodes } = await completeInvitationWithTotp(deps, { ...values, clientAddr: request.ip });
        return reply.page(recoveryCodesPage({ codes: recoveryCodes, next: DONE }));
      } catch (error) {
        // A wrong code: the same secret to scan again, and the reason under the field.
        if (error instanceof AppError && error.code === 'MFA_INVALID') invalid({ code: error.message });
        throw error;
      }
    },
  );
}
