import type { DomainDeps } from '../../domains.js';
import { access, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { jobSeekerHome } from '../pages/home.page.js';
import { myTrainings } from '../trainings.js';

/**
 * The job seeker's space: their own referrals and trainings, nobody else's (the page takes no
 * id: it reads the signed-in person's own). « Mes accès » and « Mes données » are the privacy
 * pages both citizen roles share.
 */
export function registerJobSeekerRoutes(web: Web, deps: DomainDeps): void {
  web.home(['job_seeker'], '/demandeur');
  web.page(
    '/demandeur',
    { access: access.page({ roles: ['job_seeker'] }), menu: 'Mon espace' },
    async (request, reply) => reply.page(jobSeekerHome(await myTrainings(deps, actorOf(request)))),
  );
}
