import type { Access } from '../../identity/index.js';
import type { Role } from '../../kernel/roles.js';

/*
 * The access a route declares, in the words of src/identity/access.ts (which checks it before
 * any handler runs; a route without a declaration answers 403). These only spell the
 * declarations; they decide nothing.
 */

interface Limits {
  /** Only these roles; any signed-in account when left out. */
  roles?: readonly Role[];
  /** A passkey or TOTP check (a password one for accounts without either) within 5 minutes. */
  stepUp?: boolean;
}

export const access = {
  /** Anyone, signed in or not. */
  public: (): Access => ({ level: 'public' }),
  /**
   * A page or a form of a signed-in account whose cookie is still bound to this device.
   * `returnTo` is the page a form comes back to after a step-up (its own page).
   */
  page: (limits: Limits & { returnTo?: string } = {}): Access => ({ level: 'page', ...limits }),
  /**
   * The step-up's own pages and endpoints: `page`, and also open to a staff session whose
   * device key was just proven from another network or browser, whose binding waits there for
   * this very check (src/identity/sessions/binding-move.ts). Nothing else may declare it.
   */
  verification: (): Access => ({ level: 'page', verification: true }),
  /** The JSON API: a session and a fresh device proof on this very request. */
  api: (limits: Limits = {}): Access => ({ level: 'api', ...limits }),
  /** The renewal of the device binding itself: a session, bound or not, and a proof. */
  device: (): Access => ({ level: 'device' }),
  /** A session, bound or not, and nothing else: only for fetching a nonce. */
  session: (): Access => ({ level: 'session' }),
};
