/*
 * Kairos, the training organisations' side: what the composition root and other domains may
 * use. Routes under /organisme (pages) and /api/v1/organisme (the organisation's software),
 * the daily reminder of declarations due, and the purposes (training.purposes.ts).
 */
import type { DomainDeps } from '../domains.js';
import type { Web } from '../http/kit/index.js';
import { registerTrainingApi } from './routes/api.routes.js';
import { registerHomeRoutes } from './routes/home.routes.js';
import { registerReferralRoutes } from './routes/referrals.routes.js';
import { registerSessionRoutes } from './routes/sessions.routes.js';
import { registerImportRoutes } from './routes/import.routes.js';

export { declarationReminders, sendDeclarationReminders } from './reminders.js';
export { trainingPurposes } from './training.purposes.js';
export { seatsTakenSql } from './referrals.repo.js';
export { seatsInWords } from './training.presenter.js';

/** Every route of the training organisations' portal. */
export function registerTrainingRoutes(web: Web, deps: DomainDeps): void {
  registerHomeRoutes(web, deps);
  registerSessionRoutes(web, deps);
  registerImportRoutes(web, deps);
  registerReferralRoutes(web, deps);
  registerTrainingApi(web, deps);
}
