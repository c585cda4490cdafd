import { z } from 'zod';
import { access, formFields, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm } from '../../ui/index.js';
import type { TrainingDeps } from '../deps.js';
import { mfaPolicyOf, setMfaPolicy } from '../mfa-policy.js';
import { duesPage } from '../pages/dues.page.js';
import { homePage } from '../pages/home.page.js';
import { securityPage } from '../pages/security.page.js';
import { dueView } from '../training.presenter.js';
import { tasksOf } from '../tasks.js';
import { duesPage as loadDues } from '../trainees.js';
import { OF, ofPage, pageQuery } from './access.js';

const rgcPage = access.page({ roles: ['of_manager'] });
const rgcSensitive = access.page({ roles: ['of_manager'], stepUp: true, returnTo: '/organisme/securite' });
const policyFields = z.strictObject({
  policy: formFields.choice(['passkey', 'passkey_or_totp'], 'Choisissez les moyens acceptés.'),
});

/** The organisation's home, its declarations due, and the RGC's MFA policy. */
export function registerHomeRoutes(web: Web, deps: TrainingDeps): void {
  web.home(OF, '/organisme');
  web.page(
    '/organisme',
    { access: ofPage, query: z.strictObject({ fait: z.literal('securite').optional() }), menu: 'Mon organisme' },
    async (request, reply) => {
      const actor = actorOf(request);
      const done = request.query.fait ? 'La vérification en deux étapes de l’organisme est enregistrée.' : undefined;
      return reply.page(
        homePage({
          tasks: await tasksOf(deps, actor),
          manager: actor.kind === 'account' && actor.role === 'of_manager',
          done,
        }),
      );
    },
  );
  web.page(
    '/organisme/declarations',
    {
      access: ofPage,
      query: z.strictObject({ ...pageQuery, retard: z.literal('oui').optional() }),
      menu: 'Déclarations',
    },
    async (request, reply) => {
      const overdue = request.query.retard === 'oui';
      const dues = await loadDues(deps, actorOf(request), {
        page: request.query.page,
        size: request.query.taille,
        overdue,
      });
      return reply.page(
        duesPage({
          dues: dues.rows.map(dueView),
          overdueOnly: overdue,
          page: dues.page,
          pages: dues.pages,
          total: dues.total,
        }),
      );
    },
  );
  web.page('/organisme/securite', { access: rgcPage, query: z.strictObject({}) }, async (request, reply) => {
    const { policy, usersWithoutPasskey } = await mfaPolicyOf(deps.db, actorOf(request));
    return reply.page(securityPage({ form: emptyForm(reply.csrfToken(), { policy }), usersWithoutPasskey }));
  });
  web.form(
    '/organisme/securite',
    {
      access: rgcSensitive,
      fields: policyFields,
      resume: 'changer la vérification en deux étapes de l’organisme',
      render: async (form, request) =>
        securityPage({ form, usersWithoutPasskey: (await mfaPolicyOf(deps.db, actorOf(request))).usersWithoutPasskey }),
    },
    async (values, request, reply) => {
      await setMfaPolicy(deps.db, actorOf(request), values.policy, deps.clock.now());
      return reply.redirect('/organisme?fait=securite', 303);
    },
  );
}
