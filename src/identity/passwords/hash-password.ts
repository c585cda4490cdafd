import { hash } from '@node-rs/argon2';
import { ARGON2_PARAMS, MAX_PASSWORD_LENGTH, normalisePassword, passwordLength } from './params.js';

/**
 * Hashes a password with argon2id at `ARGON2_PARAMS`, returning the PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) that carries its own salt and cost.
 * Call `checkPassword` first: this only refuses what could never have passed it.
 */
export async function hashPassword(password: string): Promise<string> {
  const normalised = normalisePassword(password);
  // ASVS 4.0.3 V2.1.2: a password over the maximum is refused, never silently truncated.
  if (passwordLength(normalised) > MAX_PASSWORD_LENGTH) throw new RangeError('password longer than allowed');
  return hash(normalised, ARGON2_PARAMS);
}
