import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { access, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { actorOf } from '../access.js';
import { readOwnContact } from '../contact.js';
import { addPasskey, removePasskey, removeTotp } from '../accounts/mfa-changes.js';
import { CEREMONY_COOKIE, clientOf, cookieOptions, deviceKeyOf, FLOW_COOKIE } from '../http-support.js';
import { passkeyView } from '../identity.presenter.js';
import { loadAccountState } from '../login/account-state.js';
import { passkeyLoginOptions, passkeyLoginStep } from '../login/passkey-step.js';
import { totpAllowed } from '../mfa-policy.js';
import { securityPage } from '../pages/passkeys.page.js';
import { listPasskeys, passkeyName, registrationOptions } from '../passkeys/passkeys.js';
import { relyingParty } from '../passkeys/relying-party.js';
import { setSessionCookie } from '../sessions/cookie.js';
import type { IdentityDeps } from './deps.js';
import { authenticationResponse, deviceKeyJwk, noFields, passkeyNameField, registrationResponse } from './schemas.js';

/** Ceremonies one address may start per minute without a session (login, invitation). */
export const CEREMONY_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

const notices = {
  ajoutee: 'La clé d’accès est enregistrée. Vos autres sessions ont été fermées.',
  supprimee: 'La clé d’accès est supprimée. Vos autres sessions ont été fermées.',
  'totp-desactive': 'L’application d’authentification est désactivée. Vos autres sessions ont été fermées.',
};

/** Where a script comes back to after a ceremony (the cookie of the ceremony is spent). */
export function endCeremony(reply: FastifyReply): void {
  reply.clearCookie(CEREMONY_COOKIE, cookieOptions);
}
export function startCeremony(reply: FastifyReply, flow: string): void {
  reply.setCookie(CEREMONY_COOKIE, flow, cookieOptions);
}

/**
 * Passkeys: login by passkey (alone or after the password), and the page where an account adds
 * or removes its factors. Ceremony endpoints answer JSON to static/cles.js, with the CSRF token
 * in the `x-csrf-token` header.
 */
export function registerPasskeyRoutes(web: Web, deps: IdentityDeps): void {
  const rp = relyingParty(deps.publicUrl);
  const sensitive = access.page({ stepUp: true, returnTo: '/compte/cles' });

  /** The account's factors as its page shows them: its passkeys, and whether TOTP is on or allowed. */
  async function factorsPage(accountId: string, csrfToken: string, notice: { info?: string; error?: string }) {
    const state = await loadAccountState(deps.db, accountId);
    if (!state) throw new AppError('SESSION_EXPIRED');
    const totp = state.hasTotp ? 'enrolled' : totpAllowed(state.requirement) ? 'available' : 'not_allowed';
    const passkeys = (await listPasskeys(deps.db, accountId)).map(passkeyView);
    return securityPage({ csrfToken, passkeys, totp, ...notice });
  }

  // Each anonymous ceremony stores a challenge for ten minutes: one address may start a few.
  web.action(
    '/connexion/cle/options',
    { access: access.public(), body: noFields, rateLimit: CEREMONY_RATE_LIMIT },
    async (request, reply) => {
      const { flow, options } = await passkeyLoginOptions(deps, rp, request.cookies[FLOW_COOKIE]);
      startCeremony(reply, flow);
      return { options };
    },
  );
  web.action(
    '/connexion/cle',
    { access: access.public(), body: z.strictObject({ response: authenticationResponse, device_key: deviceKeyJwk }) },
    async (request, reply) => {
      const result = await passkeyLoginStep(deps, rp, {
        flowHandle: request.cookies[CEREMONY_COOKIE],
        mfaFlowHandle: request.cookies[FLOW_COOKIE],
        response: request.body.response,
        deviceKey: deviceKeyOf(request.body.device_key),
        client: clientOf(request),
      });
      endCeremony(reply);
      reply.clearCookie(FLOW_COOKIE, cookieOptions);
      setSessionCookie(reply, result.cookie);
      return { redirect: '/espace' };
    },
  );

  web.page(
    '/compte/cles',
    {
      access: access.page(),
      menu: 'Clés d’accès',
      query: z.strictObject({ fait: z.enum(['ajoutee', 'supprimee', 'totp-desactive']).optional() }),
    },
    async (request, reply) => {
      const info = request.query.fait ? notices[request.query.fait] : undefined;
      return reply.page(await factorsPage(request.session!.accountId, reply.csrfToken(), { info }));
    },
  );
  web.action(
    '/compte/cles/options',
    { access: sensitive, body: z.strictObject({ name: passkeyNameField }) },
    async (request, reply) => {
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
    },
  );
  web.action(
    '/compte/cles',
    { access: sensitive, body: z.strictObject({ name: passkeyNameField, response: registrationResponse }) },
    async (request, reply) => {
      const { cookie } = await addPasskey(deps, rp, request.session!, {
        flowHandle: request.cookies[CEREMONY_COOKIE],
        response: request.body.response,
        name: passkeyName(request.body.name, deps.clock.now()),
        clientAddr: request.ip,
      });
      endCeremony(reply);
      setSessionCookie(reply, cookie);
      return { redirect: '/compte/cles?fait=ajoutee' };
    },
  );

  // Removing a factor: a one-click form; the last factor a policy requires cannot go.
  for (const [url, fields, done] of [
    ['/compte/cles/supprimer', z.strictObject({ passkey: z.string().min(1).max(1024) }), 'supprimee'],
    ['/compte/totp/supprimer', noFields, 'totp-desactive'],
  ] as const) {
    web.form(url, { access: sensitive, fields }, async (values, request, reply) => {
      const session = request.session!;
      try {
        const { cookie } =
          'passkey' in values
            ? await removePasskey(deps, session, values.passkey, request.ip)
            : await removeTotp(deps, session, request.ip);
        setSessionCookie(reply, cookie);
        return reply.redirect(`/compte/cles?fait=${done}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'LAST_FACTOR') throw error;
        return reply.page(await factorsPage(session.accountId, reply.csrfToken(), { error: error.message }), 409);
      }
    });
  }
}
