/*
 * What other domains may use of the advisors' domain: the route registration, and the
 * referrals' follow-up as the job seeker's space reads it for the person themselves.
 */
export { registerAdvisingRoutes } from './routes/advising.routes.js';
export { trainingProgress, type ProgressPurposes } from './progress.js';
export { ownReferrals, eventsOf, type ReferralRow, type EventRow } from './referrals.repo.js';
export { referralProgress } from './pages/progress.view.js';
export type { ReferralView } from './advising.presenter.js';
export { eventLabel, statusLabel } from './advising.policy.js';
export { PAGE_SIZE as PORTFOLIO_PAGE_SIZE } from './advising.policy.js';
