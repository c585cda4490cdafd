import { z } from 'zod';
import type { DomainDeps } from '../../domains.js';
import { access, formFields, invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/errors.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import { criteriaSummary, savedSearchView } from '../alerts/saved-searches.presenter.js';
import {
  deleteSavedSearch,
  insertSavedSearch,
  listSavedSearches,
  MAX_SAVED_SEARCHES,
} from '../alerts/saved-searches.repo.js';
import { criteriaOf, queryStringOf, searchQuery, type SearchCriteria } from '../criteria.js';
import { alertsPage, newAlertPage } from '../pages/alerts.page.js';

const CANDIDATE = ['candidate'] as const;
const done = { creee: 'L’alerte est enregistrée.', supprimee: 'L’alerte est supprimée.' } as const;
const criteriaFields = searchQuery.omit({ tri: true, page: true });
const newAlertFields = criteriaFields.extend({ label: formFields.text('Donnez un nom à cette alerte.', 80) });

/** The candidate's own account: saved searches belong to it, and to no one else. */
function accountOf(request: FastifyRequest): string {
  const actor = actorOf(request);
  if (actor.kind !== 'account' || actor.role !== 'candidate')
    throw new AppError('FORBIDDEN', 'alerts: not a candidate');
  return actor.accountId;
}

/** The criteria as the hidden fields of the form that saves them. */
function hiddenOf(criteria: SearchCriteria): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(queryStringOf(criteria)));
}

/**
 * A candidate's saved searches and their e-mail alerts: save the search just made, list them,
 * delete one. Each account reaches only its own (the SQL names the account); an alert is sent
 * by the scheduled job (alerts/alerts.job.ts).
 */
export function registerAlertRoutes(web: Web, deps: DomainDeps): void {
  const page = access.page({ roles: CANDIDATE });

  web.page(
    '/offres/alertes',
    { access: page, query: z.strictObject({ fait: z.enum(['creee', 'supprimee']).optional() }), menu: 'Mes alertes' },
    async (request, reply) => {
      const searches = await listSavedSearches(deps.db, accountOf(request));
      return reply.page(
        alertsPage({
          searches: searches.map(savedSearchView),
          csrfToken: reply.csrfToken(),
          info: request.query.fait ? done[request.query.fait] : undefined,
        }),
      );
    },
  );

  const render = (form: FormState<string>) => {
    const { label: _label, ...values } = form.values;
    const parsed = criteriaFields.safeParse(values);
    const criteria = parsed.success ? criteriaOf(parsed.data) : {};
    return newAlertPage({ form, summary: criteriaSummary(criteria), hidden: hiddenOf(criteria) });
  };
  web.page('/offres/alertes/nouvelle', { access: page, query: searchQuery }, async (request, reply) => {
    const criteria = criteriaOf(request.query);
    return reply.page(render(emptyForm(reply.csrfToken(), { ...hiddenOf(criteria), label: criteria.text ?? '' })));
  });
  web.form(
    '/offres/alertes/nouvelle',
    { access: access.page({ roles: CANDIDATE, returnTo: '/offres/alertes' }), fields: newAlertFields, render },
    async (values, request, reply) => {
      const { label, ...query } = values;
      const criteria = criteriaOf(query);
      if (Object.keys(criteria).length === 0) {
        invalid({}, { error: 'Une alerte a besoin d’au moins un critère : des mots-clés ou un filtre.' });
      }
      const saved = await insertSavedSearch(deps.db, {
        id: deps.random.uuid(),
        accountId: accountOf(request),
        label,
        criteria,
        at: deps.clock.now(),
      });
      if (!saved) {
        invalid(
          {},
          {
            error: `Vous avez déjà ${MAX_SAVED_SEARCHES} alertes : supprimez-en une avant d’en créer une autre.`,
            status: 409,
          },
        );
      }
      return reply.redirect('/offres/alertes?fait=creee', 303);
    },
  );
  web.form(
    '/offres/alertes/suppression',
    {
      access: access.page({ roles: CANDIDATE, returnTo: '/offres/alertes' }),
      fields: z.strictObject({ id: formFields.id() }),
    },
    async (values, request, reply) => {
      // Another account's id deletes nothing, and answers as a missing one would.
      await deleteSavedSearch(deps.db, accountOf(request), values.id);
      return reply.redirect('/offres/alertes?fait=supprimee', 303);
    },
  );
}
