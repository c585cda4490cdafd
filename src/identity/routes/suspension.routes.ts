import { formFields, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { actorOf } from '../access.js';
import { choosableReasons, liftSuspension, suspendAccount, type SuspensionReason } from '../accounts/suspensions.js';
import type { IdentityDeps } from './deps.js';
import { managerAccess, type ManagementQueue } from './management-queue.js';
import { accountField } from './schemas.js';

const suspendFields = accountField.extend({
  motif: formFields.choice(
    choosableReasons as [SuspensionReason, ...SuspensionReason[]],
    'Choisissez le motif de la suspension.',
  ),
});

/**
 * Suspending and lifting, from « Gestion des comptes » (accounts/suspensions.ts). Suspending
 * needs no step-up, so that stopping a hijacked account is never slowed down, but it says why:
 * without a reason, the queue comes back with that field in error. Lifting needs a step-up and
 * resumes after it; a platform-level suspension is lifted by two people of that level, the
 * first call asking and a second person's confirming.
 */
export function registerSuspensionRoutes(web: Web, deps: IdentityDeps, queue: ManagementQueue): void {
  web.form(
    '/gestion/comptes/suspendre',
    {
      access: managerAccess.page,
      fields: suspendFields,
      render: (form, request) => queue.page(request, form.csrfToken, { suspension: form }),
    },
    async (values, request, reply) => {
      if (values.account === request.session!.accountId) throw new AppError('FORBIDDEN', 'own account');
      await suspendAccount(deps, actorOf(request), values.account, values.motif);
      return reply.redirect('/gestion/comptes?fait=suspendu', 303);
    },
  );
  web.form(
    '/gestion/comptes/reactiver',
    { access: managerAccess.sensitive, fields: accountField, resume: 'réactiver le compte' },
    async (values, request, reply) => {
      if (values.account === request.session!.accountId) throw new AppError('FORBIDDEN', 'own account');
      try {
        const lifted = (await liftSuspension(deps, actorOf(request), values.account)) === 'lifted';
        return reply.redirect(`/gestion/comptes?fait=${lifted ? 'reactive' : 'reactivation-demandee'}`, 303);
      } catch (error) {
        return queue.refused(request, reply, error);
      }
    },
  );
}
