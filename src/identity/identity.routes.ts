import { readOwnContact } from './contact.js';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';
import type { AppMode } from '../http/layout.js';
import { actorOf, registerAccessControl } from './access.js';
import type { LoginDeps } from './login/deps.js';
import { passwordStep } from './login/password-step.js';
import { recoveryStep } from './login/recovery-step.js';
import { totpStep } from './login/totp-step.js';
import { completePasswordReset, requestPasswordReset } from './accounts/password-reset.js';
import { confirmEmail, registerCitizen } from './accounts/registration.js';
import { registerRequestGuards } from './accounts/request-guards.js';
import { passwordChangePage, resetFormPage, resetRequestPage } from './pages/password-reset.page.js';
import { changePassword } from './accounts/password-change.js';
import { confirmTotpEnrolment, startTotpEnrolment } from './accounts/totp-enrolment.js';
import { recoveryCodesPage, totpEnrolPage, totpScan } from './pages/totp.page.js';
import { addressTag } from '../crypto/address-tag.js';
import { journal } from './journal.js';
import { registerMfaRoutes } from './mfa.routes.js';
import { registerInvitationRoutes } from './invitation.routes.js';
import { registerManagementRoutes } from './management.routes.js';
import { loadAccountState, usableFactors } from './login/account-state.js';
import { findFlow } from './login/flows.js';
import { asRole } from './roles.js';
import { confirmationPage, registrationPage, registrationSentPage } from './pages/registration.page.js';
import { loginPage, mfaPage, reverifyPage } from './pages/login.page.js';
import { accountPage, sessionsPage } from './pages/sessions.page.js';
import { clearSessionCookie, setSessionCookie } from './sessions/cookie.js';
import { clientOf, cookieOptions, deviceKeyOf, FLOW_COOKIE, sendPage } from './http-support.js';
import { issueNonce } from './sessions/nonce.js';
import { proofFromElsewhere } from './sessions/binding-move.js';
import { endSession, listSessions } from './sessions/session-store.js';

export interface IdentityDeps extends LoginDeps {
  mode: AppMode;
  nonceKey: Buffer;
  publicUrl: string;
}

/** Login, logout, sessions, the device-proof endpoints and the account API. */
export async function registerIdentityRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  // The reset and registration forms: throttled, and their lookups run after the answer.
  const accounts = { ...deps, ...registerRequestGuards(app, { secret: deps.nonceKey, clock: deps.clock }) };
  registerAccessControl(app, deps, {
    onUnboundPage: (_request, reply) => sendPage(reply, reverifyPage(), deps.mode),
    onProofElsewhere: (session, client, now) => proofFromElsewhere(deps, session, client, now),
  });

  app.get('/session/nonce', { schema: { hide: true }, config: { access: { level: 'session' } } }, async (request) => ({
    nonce: issueNonce(deps.nonceKey, request.session!.id, deps.clock.now(), deps.random),
  }));
  app.post('/session/preuve', { schema: { hide: true }, config: { access: { level: 'device' } } }, async (_r, reply) =>
    reply.code(204).send(),
  );

  app.get('/api/v1/moi', { config: { access: { level: 'api' } } }, async (request) => {
    const actor = actorOf(request);
    const contact = await readOwnContact(deps.vault, actor);
    if (!contact) throw new AppError('NOT_FOUND');
    return {
      id: contact.accountId,
      role: request.session!.role,
      email: contact.email,
      displayName: contact.displayName,
    };
  });
  /** The account's live sessions, each compared with the network the request comes from. */
  const sessionsOf = (request: FastifyRequest) =>
    listSessions(deps.db, request.session!.accountId, deps.clock.now(), addressTag(deps.addressTagKey, request.ip));
  app.get('/api/v1/sessions', { config: { access: { level: 'api' } } }, async (request) => ({
    sessions: (await sessionsOf(request)).map((s) => ({
      id: s.id,
      label: s.label,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      sameNetwork: s.sameNetwork,
      current: s.id === request.session!.id,
    })),
  }));

  /** What the second step may offer the login in progress, or null if there is none. */
  async function pendingFactors(handle: string | undefined) {
    const flow = await findFlow(deps.db, handle, 'mfa', deps.clock.now());
    const state = flow?.accountId ? await loadAccountState(deps.db, flow.accountId) : null;
    if (!state) return null;
    return { ...usableFactors(state), recovery: state.requirement !== 'passkey' };
  }

  await app.register(async (forms) => {
    await forms.register(formbody, { bodyLimit: 16 * 1024 });
    await forms.register(csrf, { cookieKey: '__Host-rempart-csrf', cookieOpts: { ...cookieOptions, signed: false } });
    // preValidation, not onRequest: the token is in the form body, parsed by then.
    const guarded = { preValidation: forms.csrfProtection };

    forms.get(
      '/connexion',
      { schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const query = request.query as Record<string, string>;
        const info =
          query.session === 'expiree'
            ? 'Votre session a expiré ou n’est plus liée à cet appareil. Veuillez vous reconnecter.'
            : query.motdepasse === 'change'
              ? 'Votre mot de passe a été changé. Connectez-vous : la vérification en deux étapes reste demandée.'
              : query.invitation === 'terminee'
                ? 'Votre compte est actif. Connectez-vous avec votre clé d’accès, ou avec votre mot de passe puis votre second facteur.'
                : undefined;
        return sendPage(reply, loginPage({ csrfToken: reply.generateCsrf(), info }), deps.mode);
      },
    );
    forms.post(
      '/connexion',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const body = request.body as Record<string, string>;
        try {
          const result = await passwordStep(deps, {
            email: String(body.email ?? ''),
            password: String(body.password ?? ''),
            deviceKey: deviceKeyOf(body.device_key),
            client: clientOf(request),
          });
          if (result.next === 'session') {
            setSessionCookie(reply, result.cookie);
            return reply.redirect('/compte', 303);
          }
          if (result.next === 'mfa') {
            reply.setCookie(FLOW_COOKIE, result.flow, cookieOptions);
            return reply.redirect('/connexion/verification', 303);
          }
          const error =
            deps.mode === 'demo'
              ? 'Votre compte doit d’abord enregistrer une clé d’accès : en démonstration, ouvrez le lien « invitationLink » de ce compte dans demo-accounts.json.'
              : 'Votre compte doit d’abord enregistrer une clé d’accès : suivez le lien d’invitation reçu par courriel.';
          return sendPage(reply, loginPage({ csrfToken: reply.generateCsrf(), error }), deps.mode, 403);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          const page = loginPage({
            csrfToken: reply.generateCsrf(),
            error: error.message,
            email: String(body.email ?? ''),
          });
          return sendPage(reply, page, deps.mode, error.status);
        }
      },
    );
    forms.get(
      '/mot-de-passe-oublie',
      { schema: { hide: true }, config: { access: { level: 'public' } } },
      async (_request, reply) => sendPage(reply, resetRequestPage({ csrfToken: reply.generateCsrf() }), deps.mode),
    );
    forms.post(
      '/mot-de-passe-oublie',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        await requestPasswordReset(accounts, String((request.body as Record<string, string>).email ?? ''), request.ip);
        return sendPage(reply, resetRequestPage({ csrfToken: reply.generateCsrf(), sent: true }), deps.mode);
      },
    );
    forms.get(
      '/mot-de-passe/nouveau/:token',
      { schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const token = String((request.params as Record<string, string>).token ?? '');
        return sendPage(reply, resetFormPage({ csrfToken: reply.generateCsrf(), token }), deps.mode);
      },
    );
    forms.post(
      '/mot-de-passe/nouveau',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const body = request.body as Record<string, string>;
        const token = String(body.token ?? '');
        const result = await completePasswordReset(deps, {
          token,
          password: String(body.password ?? ''),
          clientAddr: request.ip,
        });
        if (result.ok) return reply.redirect('/connexion?motdepasse=change', 303);
        const page =
          'problems' in result
            ? resetFormPage({
                csrfToken: reply.generateCsrf(),
                token,
                passwordError: result.problems.map((p) => p.message).join(' '),
              })
            : resetFormPage({
                csrfToken: reply.generateCsrf(),
                token,
                error: 'Ce lien a déjà servi ou a expiré. Demandez-en un nouveau.',
              });
        return sendPage(reply, page, deps.mode, 400);
      },
    );
    forms.get(
      '/compte/totp',
      { schema: { hide: true }, config: { access: { level: 'page', stepUp: true } } },
      async (request, reply) => {
        const scan = await totpScan(await startTotpEnrolment(deps, request.session!.accountId));
        return sendPage(reply, totpEnrolPage({ csrfToken: reply.generateCsrf(), scan }), deps.mode);
      },
    );
    forms.post(
      '/compte/totp',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'page', stepUp: true } } },
      async (request, reply) => {
        const code = String((request.body as Record<string, string>).code ?? '');
        try {
          const { recoveryCodes, cookie } = await confirmTotpEnrolment(deps, request.session!, code, request.ip);
          setSessionCookie(reply, cookie);
          return sendPage(
            reply,
            recoveryCodesPage({ csrfToken: reply.generateCsrf(), codes: recoveryCodes }),
            deps.mode,
          );
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'MFA_INVALID') throw error;
          // The secret still pending, so the person need not scan again.
          const scan = await totpScan(await startTotpEnrolment(deps, request.session!.accountId));
          const page = totpEnrolPage({ csrfToken: reply.generateCsrf(), scan, error: error.message });
          return sendPage(reply, page, deps.mode, 400);
        }
      },
    );
    forms.get(
      '/compte/mot-de-passe',
      { schema: { hide: true }, config: { access: { level: 'page' } } },
      async (_request, reply) => sendPage(reply, passwordChangePage({ csrfToken: reply.generateCsrf() }), deps.mode),
    );
    forms.post(
      '/compte/mot-de-passe',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'page' } } },
      async (request, reply) => {
        const body = request.body as Record<string, string>;
        const result = await changePassword(deps, request.session!, {
          current: String(body.current ?? ''),
          next: String(body.password ?? ''),
          clientAddr: request.ip,
        });
        if (result.ok) {
          setSessionCookie(reply, result.cookie);
          return reply.redirect('/compte?motdepasse=change', 303);
        }
        const page = passwordChangePage({
          csrfToken: reply.generateCsrf(),
          ...(result.reason === 'current'
            ? { currentError: 'Mot de passe actuel incorrect.' }
            : { passwordError: result.problems.map((problem) => problem.message).join(' ') }),
        });
        return sendPage(reply, page, deps.mode, 400);
      },
    );
    forms.get(
      '/inscription',
      { schema: { hide: true }, config: { access: { level: 'public' } } },
      async (_request, reply) => sendPage(reply, registrationPage({ csrfToken: reply.generateCsrf() }), deps.mode),
    );
    forms.post(
      '/inscription',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const body = request.body as Record<string, string>;
        const values = {
          kind: body.kind,
          lastName: body.lastName?.trim(),
          firstName: body.firstName?.trim(),
          email: body.email?.trim(),
        };
        const complete =
          (values.kind === 'candidate' || values.kind === 'job_seeker') &&
          !!values.lastName &&
          !!values.firstName &&
          /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email ?? '');
        if (!complete || typeof body.password !== 'string') {
          const error =
            'Veuillez remplir tous les champs : profil, nom, prénom, adresse électronique valide et mot de passe.';
          return sendPage(reply, registrationPage({ csrfToken: reply.generateCsrf(), values, error }), deps.mode, 400);
        }
        const result = await registerCitizen(
          accounts,
          {
            kind: values.kind as 'candidate' | 'job_seeker',
            lastName: values.lastName!,
            firstName: values.firstName!,
            email: values.email!,
            password: body.password,
          },
          request.ip,
        );
        if (!result.ok) {
          const passwordError = result.problems.map((problem) => problem.message).join(' ');
          return sendPage(
            reply,
            registrationPage({ csrfToken: reply.generateCsrf(), values, passwordError }),
            deps.mode,
            400,
          );
        }
        return sendPage(reply, registrationSentPage(), deps.mode);
      },
    );
    forms.get(
      '/inscription/confirmer/:token',
      { schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const ok = await confirmEmail(deps, String((request.params as Record<string, string>).token ?? ''));
        return sendPage(reply, confirmationPage(ok), deps.mode, ok ? 200 : 400);
      },
    );
    forms.get(
      '/connexion/verification',
      { schema: { hide: true }, config: { access: { level: 'public' } } },
      async (request, reply) => {
        const factors = await pendingFactors(request.cookies[FLOW_COOKIE]);
        if (!factors) return reply.redirect('/connexion', 303);
        return sendPage(reply, mfaPage({ csrfToken: reply.generateCsrf(), ...factors }), deps.mode);
      },
    );
    // The second step: a TOTP code, or a single-use recovery code; same answers either way.
    for (const [url, step] of [
      ['/connexion/verification', totpStep],
      ['/connexion/secours', recoveryStep],
    ] as const) {
      forms.post(
        url,
        { ...guarded, schema: { hide: true }, config: { access: { level: 'public' } } },
        async (request, reply) => {
          const body = request.body as Record<string, string>;
          try {
            const result = await step(deps, {
              flowHandle: request.cookies[FLOW_COOKIE],
              code: String(body.code ?? ''),
              deviceKey: deviceKeyOf(body.device_key),
              client: clientOf(request),
            });
            reply.clearCookie(FLOW_COOKIE, cookieOptions);
            setSessionCookie(reply, result.cookie);
            return reply.redirect('/compte', 303);
          } catch (error) {
            if (!(error instanceof AppError) || error.status >= 500) throw error;
            const factors = await pendingFactors(request.cookies[FLOW_COOKIE]);
            if (error.code === 'LOGIN_EXPIRED' || !factors) return reply.redirect('/connexion', 303);
            const page = mfaPage({ csrfToken: reply.generateCsrf(), ...factors, error: error.message });
            return sendPage(reply, page, deps.mode, error.status);
          }
        },
      );
    }
    forms.post(
      '/deconnexion',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'page' } } },
      async (request, reply) => {
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
      },
    );
    forms.get('/compte', { schema: { hide: true }, config: { access: { level: 'page' } } }, async (request, reply) => {
      const changed = (request.query as Record<string, string>).motdepasse === 'change';
      const info = changed ? 'Votre mot de passe est changé. Vos autres sessions ont été fermées.' : undefined;
      const page = accountPage({
        csrfToken: reply.generateCsrf(),
        roleLabel: asRole(request.session!.role),
        manager: ['admin', 'of_manager'].includes(request.session!.role),
        info,
      });
      return sendPage(reply, page, deps.mode);
    });
    forms.get(
      '/compte/sessions',
      { schema: { hide: true }, config: { access: { level: 'page' } } },
      async (request, reply) => {
        const sessions = await sessionsOf(request);
        return sendPage(
          reply,
          sessionsPage({ csrfToken: reply.generateCsrf(), sessions, currentId: request.session!.id }),
          deps.mode,
        );
      },
    );
    forms.post(
      '/compte/sessions/fin',
      { ...guarded, schema: { hide: true }, config: { access: { level: 'page' } } },
      async (request, reply) => {
        const target = String((request.body as Record<string, string>).session ?? '');
        const session = request.session!;
        await deps.db.transaction(async (tx) => {
          // Only one's own sessions: the account id is part of the condition.
          await tx.query(
            "UPDATE sessions SET ended_at = $3, end_reason = 'ended_by_user' WHERE id = $1 AND account_id = $2 AND ended_at IS NULL",
            [target, session.accountId, deps.clock.now()],
          );
          await journal(deps.accessLog, tx, 'session.ended', {
            actorId: session.accountId,
            sessionId: session.id,
            clientAddr: request.ip,
          });
        });
        if (target === session.id) {
          clearSessionCookie(reply);
          return reply.redirect('/', 303);
        }
        return reply.redirect('/compte/sessions', 303);
      },
    );
    registerMfaRoutes(forms, deps, guarded);
    registerInvitationRoutes(forms, deps, guarded);
    registerManagementRoutes(forms, deps, guarded);
  });
}
