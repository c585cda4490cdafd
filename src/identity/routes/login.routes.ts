import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { isStaffRole } from '../sessions/policy.js';
import { emptyForm } from '../../ui/index.js';
import { SUPPORT_EMAIL } from '../../ui/legal.js';
import { journal } from '../journal.js';
import { clientOf, cookieOptions, deviceKeyOf, FLOW_COOKIE } from '../http-support.js';
import { loadAccountState, usableFactors } from '../login/account-state.js';
import { findFlow } from '../login/flows.js';
import { passwordStep } from '../login/password-step.js';
import { recoveryStep } from '../login/recovery-step.js';
import { totpStep } from '../login/totp-step.js';
import { loginExpiredPage, loginPage, mfaPage } from '../pages/login.page.js';
import { clearSessionCookie, setSessionCookie } from '../sessions/cookie.js';
import { endSession } from '../sessions/session-store.js';
import type { Role } from '../../kernel/roles.js';
import type { IdentityDeps } from './deps.js';
import { noFields } from './schemas.js';

const loginQuery = z.strictObject({
  session: z.literal('expiree').optional(),
  motdepasse: z.literal('change').optional(),
  invitation: z.literal('terminee').optional(),
});

const notices = {
  session: 'Votre session a expiré ou n’est plus liée à cet appareil. Veuillez vous reconnecter.',
  motdepasse: 'Votre mot de passe a été changé. Connectez-vous : la vérification en deux étapes reste demandée.',
  invitation:
    'Votre compte est actif. Connectez-vous avec votre clé d’accès, ou avec votre mot de passe puis la vérification en deux étapes.',
};

const loginFields = z.strictObject({
  email: formFields.text('Indiquez votre adresse électronique.', 254),
  password: formFields.password(),
  device_key: formFields.hidden(2048),
});

const codeFields = z.strictObject({
  code: formFields.code('Indiquez le code.'),
  device_key: formFields.hidden(2048),
});

/** Whom a suspended account asks: its organisation's account managers, or the platform's support. */
function suspendedMessage(role: Role): string {
  const whom = isStaffRole(role)
    ? 'la personne qui gère les comptes de votre organisation (votre RGC, ou l’administrateur de la plateforme)'
    : `l’assistance de rempart à l’adresse ${SUPPORT_EMAIL}`;
  return `Votre compte est suspendu : vous ne pouvez pas vous connecter pour l’instant. Pour savoir pourquoi et le faire réactiver, contactez ${whom}.`;
}

/** Login (password, then the second step), logout. */
export function registerLoginRoutes(web: Web, deps: IdentityDeps): void {
  /** What the second step may offer the login in progress, or null if there is none. */
  async function pendingFactors(request: FastifyRequest) {
    const flow = await findFlow(deps.db, request.cookies[FLOW_COOKIE], 'mfa', deps.clock.now());
    const state = flow?.accountId ? await loadAccountState(deps.db, flow.accountId) : null;
    if (!state) return null;
    return { ...usableFactors(state), recovery: state.requirement !== 'passkey' };
  }

  web.page('/connexion', { access: access.public(), query: loginQuery }, async (request, reply) => {
    // Signed in already: the account, not the form. Not when sent back here because this
    // device could not prove the session, or the two pages would send each other round.
    if (request.session && !request.query.session) return reply.redirect('/espace', 303);
    const key = (['session', 'motdepasse', 'invitation'] as const).find((name) => request.query[name]);
    return reply.page(loginPage({ form: emptyForm(reply.csrfToken()), info: key ? notices[key] : undefined }));
  });
  web.form(
    '/connexion',
    {
      access: access.public(),
      fields: loginFields,
      render: (form) => loginPage({ form }),
      showErrors: 'client',
    },
    async (values, request, reply) => {
      const result = await passwordStep(deps, {
        email: values.email,
        password: values.password,
        deviceKey: deviceKeyOf(values.device_key),
        client: clientOf(request),
      });
      if (result.next === 'session') {
        setSessionCookie(reply, result.cookie);
        return reply.redirect('/espace', 303);
      }
      if (result.next === 'mfa') {
        reply.setCookie(FLOW_COOKIE, result.flow, cookieOptions);
        return reply.redirect('/connexion/verification', 303);
      }
      if (result.next === 'suspended') invalid({}, { error: suspendedMessage(result.role), status: 403 });
      const error =
        deps.mode === 'demo'
          ? 'Votre compte doit d’abord enregistrer une clé d’accès : en démonstration, ouvrez le lien « invitationLink » de ce compte dans demo-accounts.json.'
          : 'Votre compte doit d’abord enregistrer une clé d’accès : suivez le lien d’invitation reçu par courriel.';
      return invalid({}, { error, status: 403 });
    },
  );

  web.page('/connexion/verification', { access: access.public() }, async (request, reply) => {
    const factors = await pendingFactors(request);
    if (!factors) return reply.redirect('/connexion', 303);
    return reply.page(mfaPage({ form: emptyForm(reply.csrfToken()), ...factors }));
  });
  // The second step: a TOTP code, or a single-use recovery code; same answers either way.
  for (const [url, step, sent] of [
    ['/connexion/verification', totpStep, 'totp'],
    ['/connexion/secours', recoveryStep, 'recovery'],
  ] as const) {
    web.form(
      url,
      {
        access: access.public(),
        fields: codeFields,
        render: async (form, request) => {
          const factors = await pendingFactors(request);
          return factors ? mfaPage({ form, ...factors, sent }) : loginExpiredPage();
        },
        showErrors: 'client',
      },
      async (values, request, reply) => {
        try {
          const result = await step(deps, {
            flowHandle: request.cookies[FLOW_COOKIE],
            code: values.code,
            deviceKey: deviceKeyOf(values.device_key),
            client: clientOf(request),
          });
          reply.clearCookie(FLOW_COOKIE, cookieOptions);
          setSessionCookie(reply, result.cookie);
          return reply.redirect('/espace', 303);
        } catch (error) {
          if (error instanceof AppError && error.code === 'LOGIN_EXPIRED') return reply.redirect('/connexion', 303);
          if (error instanceof AppError && error.code === 'MFA_INVALID')
            invalid({ code: error.message }, { status: 401 });
          throw error;
        }
      },
    );
  }

  web.form('/deconnexion', { access: access.page(), fields: noFields }, async (_values, request, reply) => {
    const session = request.session!;
    await deps.db.transaction(async (tx) => {
      await endSession(tx, session.id, 'logout', deps.clock.now());
      await journal(deps.accessLog, tx, 'session.ended', {
        actorId: session.accountId,
        sessionId: session.id,
        clientAddr: request.ip,
      });
    });
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });
}
