import { parseOptions } from '@node-rs/argon2';
import { ARGON2_PARAMS } from './params.js';

/**
 * Whether a stored hash was made with a weaker cost than `ARGON2_PARAMS` (another algorithm or
 * version, less memory, fewer passes, a shorter output), so the login that just verified the
 * password should store a fresh `hashPassword` of it. An unreadable hash also needs one.
 */
export function needsRehash(hash: string): boolean {
  let stored: ReturnType<typeof parseOptions>;
  try {
    stored = parseOptions(hash);
  } catch {
    return true;
  }
  if (stored.algorithm !== ARGON2_PARAMS.algorithm) return true;
  if (stored.version !== ARGON2_PARAMS.version) return true;
  if (stored.memoryCost < ARGON2_PARAMS.memoryCost) return true;
  if (stored.timeCost < ARGON2_PARAMS.timeCost) return true;
  return stored.outputLen < ARGON2_PARAMS.outputLen;
}
