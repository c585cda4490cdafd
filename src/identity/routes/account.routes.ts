import { z } from 'zod';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { asRole } from '../../kernel/roles.js';
import { emptyForm } from '../../ui/index.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../accounts/totp-enrolment.js';
import { sessionView } from '../identity.presenter.js';
import { journal } from '../journal.js';
import { accountPage, sessionsPage } from '../pages/sessions.page.js';
import { recoveryCodesPage, totpEnrolPage, totpScan } from '../pages/totp.page.js';
import { clearSessionCookie, setSessionCookie } from '../sessions/cookie.js';
import type { IdentityDeps } from './deps.js';
import { sessionsHere } from './session.routes.js';

/** The roles that manage other accounts (the approval queue). */
export const MANAGERS = ['admin', 'of_manager'] as const;

/** The account's home, its sessions, and the TOTP application it may add. */
export function registerAccountRoutes(web: Web, deps: IdentityDeps): void {
  // After login every account passes here, and lands on its role's own space.
  web.page('/espace', { access: access.page() }, async (request, reply) =>
    reply.redirect(web.homeOf(request.session!.role), 303),
  );
  web.page(
    '/compte',
    {
      access: access.page(),
      menu: 'Mon compte',
      query: z.strictObject({ motdepasse: z.literal('change').optional() }),
    },
    async (request, reply) => {
      const role = request.session!.role;
      const info = request.query.motdepasse
        ? 'Votre mot de passe est changé. Vos autres sessions ont été fermées.'
        : undefined;
      return reply.page(
        accountPage({ roleLabel: asRole(role), manager: (MANAGERS as readonly string[]).includes(role), info }),
      );
    },
  );

  web.page('/compte/sessions', { access: access.page(), menu: 'Mes sessions' }, async (request, reply) => {
    const session = request.session!;
    const sessions = await sessionsHere(deps, request);
    const views = sessions.map((summary) => sessionView(summary, session.id));
    return reply.page(sessionsPage({ csrfToken: reply.csrfToken(), sessions: views }));
  });
  web.form(
    '/compte/sessions/fin',
    { access: access.page(), fields: z.strictObject({ session: z.string().max(64) }) },
    async (values, request, reply) => {
      const session = request.session!;
      await deps.db.transaction(async (tx) => {
        // Only one's own sessions: the account id is part of the condition.
        await tx.query(
          "UPDATE sessions SET ended_at = $3, end_reason = 'ended_by_user' WHERE id = $1 AND account_id = $2 AND ended_at IS NULL",
          [values.session, session.accountId, deps.clock.now()],
        );
        await journal(deps.accessLog, tx, 'session.ended', {
          actorId: session.accountId,
          sessionId: session.id,
          clientAddr: request.ip,
        });
      });
      if (values.session === session.id) {
        clearSessionCookie(reply);
        return reply.redirect('/', 303);
      }
      return reply.redirect('/compte/sessions', 303);
    },
  );

  const totpPage = async (accountId: string, form: Parameters<typeof totpEnrolPage>[0]['form']) =>
    // The secret still pending is shown again, so the person need not scan twice.
    totpEnrolPage({ form, scan: await totpScan(await startTotpEnrolment(deps, accountId)) });
  web.page('/compte/totp', { access: access.page({ stepUp: true }) }, async (request, reply) =>
    reply.page(await totpPage(request.session!.accountId, emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/compte/totp',
    {
      access: access.page({ stepUp: true, returnTo: '/compte/totp' }),
      fields: z.strictObject({ code: formFields.code('Indiquez le code à 6 chiffres.') }),
      render: (form, request) => totpPage(request.session!.accountId, form),
      resume: 'activer l’application d’authentification',
    },
    async (values, request, reply) => {
      try {
        const { recoveryCodes, cookie } = await confirmTotpEnrolment(deps, request.session!, values.code, request.ip);
        setSessionCookie(reply, cookie);
        return reply.page(recoveryCodesPage({ codes: recoveryCodes }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'MFA_INVALID') invalid({ code: error.message });
        throw error;
      }
    },
  );
}
