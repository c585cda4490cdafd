import type { Web } from '../http/kit/index.js';
import { registerAccountRoutes } from './routes/account.routes.js';
import type { IdentityDeps } from './routes/deps.js';
import { registerInvitationRoutes } from './routes/invitation.routes.js';
import { registerLoginRoutes } from './routes/login.routes.js';
import { registerManagementRoutes } from './routes/management.routes.js';
import { registerPasskeyRoutes } from './routes/passkey.routes.js';
import { registerPasswordRoutes } from './routes/password.routes.js';
import { registerRegistrationRoutes } from './routes/registration.routes.js';
import { registerSessionRoutes } from './routes/session.routes.js';
import { registerStepUpRoutes } from './routes/step-up.routes.js';

export type { IdentityDeps } from './routes/deps.js';

/**
 * Every identity route, by concern: login and logout, registration, passwords, the account and
 * its sessions, passkeys, the step-up, invitations, the management of staff accounts, and the
 * device-proof endpoints with the account's API. The order is the order of the header's menu.
 */
export function registerIdentityRoutes(web: Web, deps: IdentityDeps): void {
  registerSessionRoutes(web, deps);
  registerLoginRoutes(web, deps);
  registerRegistrationRoutes(web, deps);
  registerPasswordRoutes(web, deps);
  registerAccountRoutes(web, deps);
  registerPasskeyRoutes(web, deps);
  registerStepUpRoutes(web, deps);
  registerInvitationRoutes(web, deps);
  registerManagementRoutes(web, deps);
}
