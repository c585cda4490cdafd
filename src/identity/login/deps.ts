import type { AccessLog } from '../../audit/types.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../kernel/clock.js';
import type { Random } from '../../kernel/random.js';
import type { Vault } from '../../vault/index.js';

/** Password hashing as the login uses it; the composition root gives the argon2id one. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Costs what a real verify costs, for accounts that do not exist (no enumeration by timing). */
  verifyDummy(password: string): Promise<void>;
}

/** Sends a notice to an account, inside the caller's transaction (the mail outbox). */
export type Notify = (
  q: import('../../db/client.js').Queryable,
  accountId: string,
  template: string,
  params: Record<string, string>,
) => Promise<void>;

export interface LoginDeps {
  db: Db;
  vault: Vault;
  accessLog: AccessLog;
  clock: Clock;
  random: Random;
  passwords: PasswordHasher;
  notify: Notify;
  /** Keys `addressTag`, the only form in which client addresses are stored; never stored. */
  addressTagKey: Buffer;
}

/** Where a login comes from: the address and browser the session will be bound to. */
export interface ClientContext {
  addr: string;
  userAgent: string | undefined;
}
