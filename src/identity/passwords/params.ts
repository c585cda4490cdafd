import type { Algorithm, Version } from '@node-rs/argon2';

// `Algorithm` and `Version` are ambient const enums, which `isolatedModules` cannot read at run
// time; these are their documented values (index.d.ts of @node-rs/argon2 2.x).
const ARGON2ID: Algorithm = 2;
const VERSION_0X13: Version = 1;

/**
 * The argon2id cost every new password hash is made with: m = 19 MiB, t = 2, p = 1, the
 * first of the equivalent minimum settings in the OWASP Password Storage Cheat Sheet
 * ("Argon2id … minimum configuration of 19 MiB of memory, an iteration count of 2, and 1 degree
 * of parallelism"). Raise them here, never lower them: `needsRehash` upgrades old hashes at the
 * next successful login. docs/passwords.md records the reasons and the measured cost.
 */
export const ARGON2_PARAMS = Object.freeze({
  algorithm: ARGON2ID,
  version: VERSION_0X13,
  /** KiB (19 × 1024). */
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  /** Bytes of output; the salt (16 bytes) is drawn by the library from the OS CSPRNG. */
  outputLen: 32,
});

/**
 * The longest password accepted, in Unicode code points: OWASP ASVS 4.0.3 V2.1.2 asks that at
 * least 64 be allowed and more than 128 be denied, which also keeps a megabyte "password" away
 * from the hasher.
 */
export const MAX_PASSWORD_LENGTH = 128;

/**
 * The form a password is hashed and checked in: Unicode NFKC, so "é" typed as one code point or
 * as e + combining accent, on a Mac or a PC, is the same password (NIST SP 800-63B rev. 3
 * §5.1.1.2: NFKC or NFKD). No trimming, no case folding: every character typed counts.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The length the policy and the hasher count: code points, not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}
