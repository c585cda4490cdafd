/*
 * What other parts of the platform use of the security officers' console: its routes (for
 * src/domains.ts) and its purposes (for src/purposes.ts).
 */
export { registerSecurityRoutes } from './routes/security.routes.js';
export { securityPurposes } from './security.purposes.js';
