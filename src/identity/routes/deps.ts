import type { AppMode } from '../../ui/index.js';
import type { LoginDeps } from '../login/deps.js';

/** What identity's routes use: the login services, the mode, the nonce key and the public URL. */
export interface IdentityDeps extends LoginDeps {
  mode: AppMode;
  nonceKey: Buffer;
  publicUrl: string;
}
