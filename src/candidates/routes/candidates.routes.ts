import type { DomainDeps } from '../../domains.js';
import { actorOf } from '../../identity/index.js';
import { access, type Web } from '../../http/kit/index.js';
import { MAX_CVS } from '../candidates.purposes.js';
import { missingParts } from '../candidates.presenter.js';
import { cvRowsOf } from '../candidates.repo.js';
import { candidateHomePage } from '../pages/home.page.js';
import { readOwnProfile } from '../profile.js';
import { registerCvRoutes } from './cv.routes.js';
import { CANDIDATE, registerProfileRoutes } from './profile.routes.js';

/** The candidate's space: its home (where a candidate lands after login), profile and CVs. */
export function registerCandidatesRoutes(web: Web, deps: DomainDeps): void {
  web.home(CANDIDATE, '/candidat');
  web.page(
    '/candidat',
    { access: access.page({ roles: CANDIDATE }), menu: 'Mon espace candidat' },
    async (request, reply) => {
      const actor = actorOf(request);
      const profile = await readOwnProfile(deps, actor);
      const cvCount = (await cvRowsOf(deps.db, request.session!.personId!)).length;
      return reply.page(
        candidateHomePage({
          firstName: profile.identity.firstName,
          missing: missingParts(profile),
          cvCount,
          maxCvs: MAX_CVS,
          inPool: profile.inPool,
        }),
      );
    },
  );
  registerProfileRoutes(web, deps);
  registerCvRoutes(web, deps);
}
