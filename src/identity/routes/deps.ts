import type { AppMode } from '../../ui/index.js';
import type { RequestGuards } from '../accounts/request-guards.js';
import type { LoginDeps } from '../login/deps.js';

/** What identity's routes use: the login services, the mode, the nonce key and the public URL. */
export interface IdentityDeps extends LoginDeps {
  mode: AppMode;
  nonceKey: Buffer;
  publicUrl: string;
  /** The reset and registration forms' throttle and after-reply queue (registerRequestGuards). */
  guards: RequestGuards;
}
