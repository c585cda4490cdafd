/*
 * What other domains and the app may use of identity. A domain's routes declare their access
 * with the kit's presets (src/http/kit/), and act as the signed-in account through `actorOf`.
 * The server's start-up (demo accounts, housekeeping) uses the rest.
 */
export { actorOf, hasFreshStepUp, registerAccessControl, STEP_UP_MS, type Access } from './access.js';
export { registerRequestGuards } from './accounts/request-guards.js';
export { registerIdentityAssets } from './assets.js';
export { HOUSEKEEPING_EVERY_MS, purgeIdentityState } from './housekeeping.js';
export { registerIdentityRoutes, type IdentityDeps } from './identity.routes.js';
export { createLinkMinter, type MintLink } from './links.js';
export { argon2Hasher } from './login/argon2-hasher.js';
export type { LoginDeps, PasswordHasher } from './login/deps.js';
export { mfaRequirement, totpAllowed } from './mfa-policy.js';
export { reverifyPage } from './pages/login.page.js';
export { proofFromElsewhere } from './sessions/binding-move.js';
export type { Session } from './sessions/session-store.js';
export { issueToken, MAX_TOKEN_TTL_MS } from './tokens.js';
export { newTotpSecret } from './totp/index.js';
export { viewerRole } from './viewer.js';
