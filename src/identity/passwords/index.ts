export {
  checkPassword,
  MIN_ENTROPY_BITS,
  PASSWORD_HINT,
  PASSWORD_RULE,
  type PasswordProblem,
} from './check-password.js';
export { hashPassword } from './hash-password.js';
export { needsRehash } from './needs-rehash.js';
export { ARGON2_PARAMS, MAX_PASSWORD_LENGTH } from './params.js';
export type { PersonalContext } from './personal-info.js';
export { verifyAgainstDummy } from './verify-dummy.js';
export { verifyPassword } from './verify-password.js';
