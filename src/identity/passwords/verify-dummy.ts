import { hashSync, verify } from '@node-rs/argon2';
import { systemRandom } from '../../kernel/random.js';
import { ARGON2_PARAMS, MAX_PASSWORD_LENGTH } from './params.js';

// Made once, at module load, with today's parameters and a password nobody knows (32 bytes
// from the CSPRNG, thrown away), so checking against it costs exactly what a real check costs.
const DUMMY_HASH = hashSync(systemRandom.bytes(32).toString('base64url'), ARGON2_PARAMS);

/**
 * Spends the time of one real `verifyPassword` and answers `false`. Use it when the account is
 * unknown, has no password or may not log in, so that the answer time does not tell an
 * attacker which e-mail addresses have an account (OWASP Authentication Cheat Sheet,
 * "Authentication and Error Messages": answer in the same time whether the user exists or not).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  // argon2's cost does not depend on the input's length; the cut only keeps a huge input cheap.
  await verify(DUMMY_HASH, password.slice(0, 4 * MAX_PASSWORD_LENGTH));
  return false;
}
