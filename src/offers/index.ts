/*
 * Offers: the public search and each offer's page, the recruiters' lifecycle of their employer's
 * offers, candidates' saved searches with their e-mail alerts, and the open-data import. Offers
 * describe posts, not people: plain SQL, no purpose of the vault.
 */
import type { RegisterRoutes } from '../domains.js';
import { registerPublicOfferRoutes } from './routes/public.routes.js';
import { registerRecruiterOfferRoutes } from './routes/recruiter.routes.js';
import { registerAlertRoutes } from './routes/alerts.routes.js';

/** Every route of the offers domain, as src/domains.ts lists it. */
export const registerOfferRoutes: RegisterRoutes = (web, deps) => {
  registerAlertRoutes(web, deps);
  registerPublicOfferRoutes(web, deps);
  registerRecruiterOfferRoutes(web, deps);
};

export { findPublic, type OfferRow } from './offers.repo.js';
export { offerAlertsJob } from './alerts/alerts.job.js';
export { savedSearchesSection } from './alerts/alerts.privacy.js';
