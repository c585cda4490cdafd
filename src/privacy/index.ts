/*
 * « Mes données » and « Mes accès » for citizens (GDPR art. 15, 17 and 20): the pages, and the
 * shape in which each domain contributes its part of a person's data.
 */
export type { PrivacyItem, PrivacySection } from './section.js';
export { registerPrivacyRoutes } from './routes/privacy.routes.js';
