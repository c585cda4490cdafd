import type { AccessLog } from '../audit/types.js';
import type { Db, Queryable, Tx } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Guard } from '../guard/index.js';
import type { Clock } from '../kernel/clock.js';
import { listManagedAccounts, readAccountContact, type AccountContact, type ManagedAccount } from './accounts.js';
import { readTotpSecret, storeTotpSecret, type TotpCredential } from './credentials.js';
import { readPeople } from './read.js';
import type {
  Actor,
  NewAccount,
  NewApplication,
  NewPerson,
  NewProfile,
  NewReferralEvent,
  PersonView,
} from './types.js';
import {
  createAccounts,
  createApplications,
  createPeople,
  createProfiles,
  createReferralEvents,
  markCanaries,
} from './write.js';

export type * from './types.js';
export { personFields, profileFields } from './types.js';
export { purposes, type Purpose } from './purposes.js';
export { MAX_PEOPLE_PER_READ } from './read.js';
export { rotateKeys, type RotationProgress, type RotationResult } from './rotation.js';
export type { AccountContact, ManagedAccount } from './accounts.js';
export type { TotpCredential } from './credentials.js';

export interface VaultDeps {
  db: Db;
  keyring: Keyring;
  accessLog: AccessLog;
  guard: Guard;
  clock: Clock;
}

/** The one door: the only way in or out for personal data. */
export interface Vault {
  /**
   * Reads `fields` of the people in `personIds` that `actor` may see for `purpose`. Others are
   * left out without a word, as if they did not exist. Scope, guard, access log and decryption
   * run in one transaction; if the guard or the log fails, nothing is returned.
   */
  read(actor: Actor, personIds: readonly string[], fields: readonly string[], purpose: string): Promise<PersonView[]>;
  /** With `tx`, the write joins the caller's transaction (e.g. an account and its person). */
  createPeople(actor: Actor, people: readonly NewPerson[], purpose: string, tx?: Tx): Promise<void>;
  createProfiles(actor: Actor, profiles: readonly NewProfile[], purpose: string): Promise<void>;
  createAccounts(actor: Actor, accounts: readonly NewAccount[], purpose: string, tx?: Tx): Promise<void>;
  createApplications(actor: Actor, applications: readonly NewApplication[], purpose: string): Promise<void>;
  createReferralEvents(actor: Actor, events: readonly NewReferralEvent[], purpose: string): Promise<void>;
  markCanaries(actor: Actor, personIds: readonly string[]): Promise<void>;
  /** Whether a person is a canary; only the guard should need this. */
  isCanary(personId: string): Promise<boolean>;
  /** The account whose login e-mail is `email`, if any (exact match on its blind index). */
  findAccountIdByEmail(email: string): Promise<string | null>;
  /** An account's login e-mail and display name: for the platform, or the account itself. */
  readAccountContact(actor: Actor, accountId: string, purpose: string): Promise<AccountContact | null>;
  /** The staff accounts an admin or RGC may manage, with e-mails and names (logged). */
  listManagedAccounts(
    actor: Actor,
    filter: { organisationId: string | null; pendingOnly: boolean },
    purpose: string,
  ): Promise<ManagedAccount[]>;
  /** Seals and stores a new, unconfirmed TOTP secret (in the caller's transaction if given). */
  storeTotpSecret(accountId: string, secret: string, q?: Queryable): Promise<void>;
  readTotpSecret(accountId: string, q?: Queryable): Promise<TotpCredential | null>;
}

export function createVault(deps: VaultDeps): Vault {
  return {
    read: (actor, personIds, fields, purpose) => readPeople(deps, actor, personIds, fields, purpose),
    createPeople: (actor, people, purpose, tx) => createPeople(deps, actor, people, purpose, tx),
    createProfiles: (actor, profiles, purpose) => createProfiles(deps, actor, profiles, purpose),
    createAccounts: (actor, accounts, purpose, tx) => createAccounts(deps, actor, accounts, purpose, tx),
    createApplications: (actor, applications, purpose) => createApplications(deps, actor, applications, purpose),
    createReferralEvents: (actor, events, purpose) => createReferralEvents(deps, actor, events, purpose),
    markCanaries: (actor, personIds) => markCanaries(deps, actor, personIds),
    isCanary: async (personId) => {
      const { rows } = await deps.db.query('SELECT 1 FROM canary_marks WHERE mark = $1', [
        deps.keyring.mark('canary', personId),
      ]);
      return rows.length > 0;
    },
    findAccountIdByEmail: async (email) => {
      const { rows } = await deps.db.query<{ id: string }>('SELECT id FROM accounts WHERE email_bidx = $1', [
        deps.keyring.index('accountEmail', email),
      ]);
      return rows[0]?.id ?? null;
    },
    readAccountContact: (actor, accountId, purpose) => readAccountContact(deps, actor, accountId, purpose),
    listManagedAccounts: (actor, filter, purpose) => listManagedAccounts(deps, actor, filter, purpose),
    storeTotpSecret: (accountId, secret, q = deps.db) => storeTotpSecret(deps, q, accountId, secret),
    readTotpSecret: (accountId, q = deps.db) => readTotpSecret(deps, q, accountId),
  };
}
