/*
 * What other domains and the app may use of identity. A domain's routes declare their access
 * with the kit's presets (src/http/kit/), and act as the signed-in account through `actorOf`.
 */
export { actorOf, hasFreshStepUp, registerAccessControl, STEP_UP_MS, type Access } from './access.js';
export { registerIdentityAssets } from './assets.js';
export { registerIdentityRoutes, type IdentityDeps } from './identity.routes.js';
export type { LoginDeps, PasswordHasher } from './login/deps.js';
export { reverifyPage } from './pages/login.page.js';
export type { Session } from './sessions/session-store.js';
export { viewerRole } from './viewer.js';
