import type { Logger } from 'pino';
import type { AppDeps } from './http/app.js';
import { argon2Hasher } from './identity/login/argon2-hasher.js';
import type { PasswordHasher } from './identity/login/deps.js';
import { createNotify } from './mail/index.js';
import type { Platform } from './platform.js';

/**
 * The HTTP app's dependencies, taken from the platform: the server, the tests and the benches
 * build the app the same way, on the same composition root.
 */
export function appDepsOf(
  platform: Platform,
  options: { logger: Logger; passwords?: PasswordHasher; publicUrl?: string; trustProxy?: string },
): AppDeps {
  return {
    db: platform.db,
    clock: platform.clock,
    random: platform.random,
    logger: options.logger,
    mode: platform.config.mode,
    nonceKey: platform.keys.nonceKey,
    addressTagKey: platform.keys.addressKey,
    trustProxy: options.trustProxy ?? platform.config.trustProxy,
    identity: {
      publicUrl: options.publicUrl ?? platform.config.publicUrl,
      vault: platform.vault,
      accessLog: platform.accessLog,
      passwords: options.passwords ?? argon2Hasher,
      notify: createNotify({ clock: platform.clock, random: platform.random }),
    },
  };
}
