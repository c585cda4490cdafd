import { hashPassword, verifyAgainstDummy, verifyPassword } from '../passwords/index.js';
import type { PasswordHasher } from './deps.js';

/** The login's hasher: argon2id with the parameters of `passwords/params.ts`. */
export const argon2Hasher: PasswordHasher = {
  hash: hashPassword,
  verify: async (stored, password) => {
    try {
      return await verifyPassword(stored, password);
    } catch {
      // A malformed stored hash is a failed login, never an error page that tells it apart.
      return false;
    }
  },
  verifyDummy: async (password) => {
    await verifyAgainstDummy(password);
  },
};
