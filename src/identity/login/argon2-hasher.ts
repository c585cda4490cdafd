import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from './deps.js';

/**
 * argon2id, m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's first
 * recommended setting. `algorithm: 2` is Argon2id (@node-rs/argon2 exports the names as a const
 * enum, which verbatimModuleSyntax cannot import).
 */
export const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A hash of a random string, made once, so that an unknown account costs a real verify. */
const dummy = hash(randomBytes(24).toString('base64'), ARGON2ID);

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2ID),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
  verifyDummy: async (password) => {
    await verify(await dummy, password).catch(() => false);
  },
};
