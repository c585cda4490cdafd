import { z } from 'zod';
import { actorOf } from '../../identity/index.js';
import { access, formFields, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { MAX_SEARCH_PAGES } from '../../vault/index.js';
import type { FormState } from '../../ui/index.js';
import type { RecruitingDeps } from '../deps.js';
import { poolPage, poolProfilePage, type PoolField } from '../pages/pool.page.js';
import type { PoolHandles } from '../pool-handle.js';
import { openProfile, searchPoolProfiles, type PoolCriteria } from '../pool.js';
import { poolProfileView, poolSummaryView } from '../recruiting.presenter.js';
import { categories, cefrLevels, departementChoices, languageNames, postTypes, regionNames } from '../referential.js';

const managers = access.page({ roles: ['recruiter_manager'] });

// Each criterion is one of the lists the form offers; the empty choice means « any ».
const oneOf = (values: readonly string[]) =>
  z.union([z.enum(values as [string, ...string[]]), z.literal('')]).optional();
const searchQuery = z.strictObject({
  poste: oneOf(postTypes),
  region: oneOf(regionNames),
  departement: oneOf(departementChoices.map((d) => d.code)),
  langue: oneOf(Object.keys(languageNames)),
  niveau: oneOf(cefrLevels),
  categorie: oneOf(categories),
  page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGES).default(1),
});
type SearchQuery = z.output<typeof searchQuery>;

/** The criteria a query asks for; a level alone means nothing and a language alone means A1 and up. */
function criteriaOf(query: Omit<SearchQuery, 'page'>): PoolCriteria {
  return {
    ...(query.poste ? { poste: query.poste } : {}),
    ...(query.region ? { region: query.region } : {}),
    ...(query.departement ? { departement: query.departement } : {}),
    ...(query.langue ? { langue: { code: query.langue, level: query.niveau || 'A1' } } : {}),
    ...(query.categorie ? { categorie: query.categorie as PoolCriteria['categorie'] } : {}),
  };
}

/**
 * The pool, for recruiter managers only: a search that needs a criterion and returns capped
 * pseudonymous summaries; a profile opens by a POST of its opaque handle (no person id in any
 * address), as a logged read.
 */
export function registerPoolRoutes(web: Web, deps: RecruitingDeps & { handles: PoolHandles }): void {
  web.page(
    '/recrutement/vivier',
    { access: managers, query: searchQuery, menu: 'Vivier de candidats' },
    async (request, reply) => {
      const { page, ...query } = request.query;
      const asked = Object.values(query).some((value) => value);
      const criteria = criteriaOf(query);
      const form: FormState<PoolField> = { csrfToken: reply.csrfToken(), values: { ...query }, errors: {} };
      if (asked && Object.keys(criteria).length === 0) {
        form.errors.langue = 'Un niveau se choisit avec une langue : choisissez la langue.';
      }
      const searched =
        Object.keys(criteria).length > 0 ? await searchPoolProfiles(deps, actorOf(request), criteria, page) : null;
      // A page past the last one the matches fill is not there (each page is a logged search).
      if (searched && searched.pages > 0 && searched.page > searched.pages)
        throw new AppError('NOT_FOUND', 'pool page');
      const results = searched && {
        summaries: searched.summaries.map((summary, index) => poolSummaryView(summary, searched.first + index)),
        breadth: searched.breadth,
        capped: searched.capped,
        page: searched.page,
        pages: searched.pages,
        query: new URLSearchParams(Object.entries(query).filter(([, value]) => value) as [string, string][]),
      };
      return reply.page(poolPage({ form, csrfToken: reply.csrfToken(), results }), form.errors.langue ? 400 : 200);
    },
  );
  web.form(
    '/recrutement/vivier/profil',
    { access: managers, fields: z.strictObject({ profil: formFields.hidden(256) }) },
    async (values, request, reply) =>
      reply.page(poolProfilePage({ view: poolProfileView(await openProfile(deps, actorOf(request), values.profil)) })),
  );
}
