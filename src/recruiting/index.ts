import type { RegisterRoutes } from '../domains.js';
import { poolHandles } from './pool-handle.js';
import { registerRecruitingApi } from './routes/api.routes.js';
import { registerCandidateRoutes } from './routes/candidate.routes.js';
import { registerPoolRoutes } from './routes/pool.routes.js';
import { registerRecruiterRoutes } from './routes/recruiter.routes.js';

/*
 * The recruiting domain (issue 9): applications on both sides, the recruiter's home, the
 * candidate pool, and their API. What other domains may use is exported here.
 */

/** Registers the recruiting pages, forms and API on the kit. */
export const registerRecruitingRoutes: RegisterRoutes = (web, deps) => {
  registerRecruiterRoutes(web, deps);
  registerCandidateRoutes(web, deps);
  registerPoolRoutes(web, { ...deps, handles: poolHandles(deps) });
  registerRecruitingApi(web, deps);
};

export { recruitingPurposes } from './recruiting.purposes.js';
export { statusLabels, refusalReasons } from './recruiting.policy.js';
export { applicationsSection, recruiterMessagesSection } from './privacy.section.js';
export { PAGE_SIZE as APPLICATIONS_PAGE_SIZE } from './recruiting.policy.js';
