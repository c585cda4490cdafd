import { verify } from '@node-rs/argon2';
import { MAX_PASSWORD_LENGTH, normalisePassword, passwordLength } from './params.js';
import { verifyAgainstDummy } from './verify-dummy.js';

/**
 * Checks a password against a stored argon2id PHC string, in the cost the string names (so
 * older hashes still verify; see `needsRehash`). The library compares in constant time.
 * Throws when `hash` is not a PHC string at all: a corrupt row is a fault to see, not a "no".
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const normalised = normalisePassword(password);
  // Longer than any password we could have stored (ASVS 4.0.3 V2.1.2): the same time, then no.
  if (passwordLength(normalised) > MAX_PASSWORD_LENGTH) return verifyAgainstDummy(password);
  return verify(hash, normalised);
}
