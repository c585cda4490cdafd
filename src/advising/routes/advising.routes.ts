import type { FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domains.js';
import { access, invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import { followReferrals } from '../follow.js';
import { openJobSeeker, portfolioPerson } from '../job-seeker.js';
import { followPage } from '../pages/follow.page.js';
import { jobSeekerPage } from '../pages/job-seeker.page.js';
import { portfolioPage, searchPage, type SearchField } from '../pages/portfolio.page.js';
import { referralPage, type ReferralField, type SessionFilter } from '../pages/referral.page.js';
import { listPortfolio } from '../portfolio.js';
import { findSessions, referToSession, type ReferralProblem } from '../refer.js';
import { searchInPortfolio, type PortfolioQuery } from '../search.js';
import {
  followQuery,
  jobSeekerQuery,
  listQuery,
  personParams,
  referralFields,
  searchFields,
  sessionQuery,
} from './schemas.js';

const advisor = access.page({ roles: ['advisor'] });

/** Why a referral was not made, shown under the session field. */
const referralProblems: Record<ReferralProblem, string> = {
  already_referred: 'Ce demandeur d’emploi est déjà orienté vers cette session.',
  session_closed: 'Cette session est terminée : choisissez-en une autre.',
  session_full: 'Cette session est complète : choisissez-en une autre.',
};

/**
 * The advisors' back office: their portfolio, the search within it, a job seeker's page, the
 * referral to a session and the follow-up of trainings. Every route is the advisor's only, and
 * every person is reached through the advisor's own portfolio (the vault's scope): anyone else
 * answers as a person who does not exist.
 */
export function registerAdvisingRoutes(web: Web, deps: DomainDeps): void {
  web.home(['advisor'], '/conseiller');

  web.page('/conseiller', { access: advisor, query: listQuery, menu: 'Mon portefeuille' }, async (request, reply) => {
    const { page } = request.query;
    const portfolio = await listPortfolio(deps, actorOf(request), page);
    return reply.page(portfolioPage({ form: emptyForm(reply.csrfToken()), page, ...portfolio }));
  });

  web.page('/conseiller/recherche', { access: advisor }, async (_request, reply) =>
    reply.page(searchPage({ form: emptyForm(reply.csrfToken()) })),
  );
  web.form(
    '/conseiller/recherche',
    { access: advisor, fields: searchFields, render: (form) => searchPage({ form }) },
    async (values, request, reply) => {
      const query = portfolioQuery(values);
      const found = await searchInPortfolio(deps, actorOf(request), query);
      const form: FormState<SearchField> = emptyForm(reply.csrfToken(), {
        identifiant: values.identifiant ?? '',
        nom: values.nom ?? '',
        prenom: values.prenom ?? '',
      });
      return reply.page(searchPage({ form, found }));
    },
  );

  web.page(
    '/conseiller/demandeurs/:id',
    { access: advisor, params: personParams, query: jobSeekerQuery },
    async (request, reply) => {
      const view = await openJobSeeker(deps, actorOf(request), request.params.id);
      return reply.page(jobSeekerPage(view, { referred: request.query.orientation === 'envoyee' }));
    },
  );

  async function referral(request: FastifyRequest, form: FormState<ReferralField>) {
    const { id } = personParams.parse(request.params);
    const filter: SessionFilter = sessionQuery.parse(request.query);
    const person = await portfolioPerson(deps, actorOf(request), id);
    return referralPage({ person, form, filter, ...(await findSessions(deps, filter)) });
  }
  web.page(
    '/conseiller/demandeurs/:id/orientation',
    { access: advisor, params: personParams, query: sessionQuery },
    async (request, reply) => reply.page(await referral(request, emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/conseiller/demandeurs/:id/orientation',
    {
      access: advisor,
      params: personParams,
      query: sessionQuery,
      fields: referralFields,
      render: (form, request) => referral(request, form),
    },
    async (values, request, reply) => {
      const personId = request.params.id;
      const result = await referToSession(deps, actorOf(request), {
        personId,
        sessionId: values.session,
        note: values.note,
      });
      if ('problem' in result) {
        invalid({ session: referralProblems[result.problem] });
      }
      return reply.redirect(`/conseiller/demandeurs/${personId}?orientation=envoyee`, 303);
    },
  );

  web.page(
    '/conseiller/suivi',
    { access: advisor, query: followQuery, menu: 'Suivi des orientations' },
    async (request, reply) => {
      const { statut, page } = request.query;
      const follow = await followReferrals(deps, actorOf(request), { status: statut, page });
      return reply.page(followPage({ ...follow, status: statut, page }));
    },
  );
}

/** An identifier, or a nom and a prénom; anything else is a mistake the form says how to fix. */
function portfolioQuery(values: { identifiant?: string; nom?: string; prenom?: string }): PortfolioQuery {
  if (values.identifiant) return { franceTravailId: values.identifiant };
  if (values.nom && values.prenom) return { lastName: values.nom, firstName: values.prenom };
  if (values.nom) invalid({ prenom: 'Indiquez aussi le prénom.' });
  if (values.prenom) invalid({ nom: 'Indiquez aussi le nom.' });
  return invalid({ identifiant: 'Indiquez un identifiant France Travail, ou un nom et un prénom.' });
}
