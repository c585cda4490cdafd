import { CANARY_MARK, createCanaryWatch } from './canaries.js';
import type { Db, Queryable } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { FieldName, PlainColumn, RecordView, TableName, WritableField, WriteRowOf } from './catalogue.js';
import { readTotpSecret, storeTotpSecret, type TotpCredential } from './credentials.js';
import { createDoor, type SuspensionHandler } from './door.js';
import type { AnyPurpose, ReadPurpose, SearchPurpose, WritePurpose } from './purpose.js';
import { composePurposes, type PurposeRegistry } from './registry.js';
import { compileSearch, type SearchCriteria } from './search.js';
import type { Actor } from './types.js';
import { writeRecords } from './write.js';

export type * from './types.js';
export { platformActor } from './types.js';
export type { FieldName, RecordView, TableName, WriteRowOf } from './catalogue.js';
export { readPurpose, searchPurpose, writePurpose } from './purpose.js';
export type { AnyPurpose, ReadPurpose, SearchKey, SearchPurpose, WritePurpose } from './purpose.js';
export { composePurposes, PurposeError, MAX_PAGE_CAP, type PurposeRegistry } from './registry.js';
export type { SearchCriteria } from './search.js';
export { profileFacets } from './facets.js';
export { pseudonymiseAddress } from './actors.js';
export { rotateKeys, type RotationProgress, type RotationResult } from './rotation.js';
export type { SuspensionCause, SuspensionHandler } from './door.js';
export type { TotpCredential } from './credentials.js';

export interface VaultDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  /** Every domain's purposes; composed and checked once, here. */
  purposes: readonly (readonly AnyPurpose[])[];
  /** Keys the pseudonyms of citizens' addresses in the access log. */
  addressKey: Buffer;
  /** Called after each access-log entry commits (the sealer's nudge). */
  onLogged?: () => void;
  /**
   * The guard's answer when it suspends an account during a read (a canary read, or its score:
   * src/guard/suspend.ts), awaited before the read fails. Without it, such a read fails all the same.
   */
  onSuspend?: SuspensionHandler;
}

/**
 * What a search returns: one page of at most its page cap of records, how many it matched in
 * scope, and whether they were cut into more than one page.
 */
export interface SearchResult<R extends TableName, F extends string> {
  records: RecordView<R, F>[];
  breadth: number;
  capped: boolean;
  /** The pages the matches fill, at the purpose's page cap each (at most MAX_SEARCH_PAGES are served). */
  pages: number;
}

/**
 * The deepest page of a search that is served. A page is a page cap of records, each page its
 * own logged, guarded search: going through every page of a wide search is what the guard's
 * breadth signal is for, and this bound keeps even that to a few hundred records per criteria.
 */
export const MAX_SEARCH_PAGES = 10;

/** The one door: the only way in or out for personal data. */
export interface Vault {
  readonly purposes: PurposeRegistry;
  /**
   * Reads the records `ids` that `actor` may reach for `purpose`: all its fields, or those of
   * `options.fields`. Others are left out without a word, as if they did not exist. Scope,
   * guard and access log commit in one statement before anything is decrypted; if the guard or
   * the log fails, nothing is returned.
   */
  read<R extends TableName, F extends FieldName<R>, A extends F = F>(
    actor: Actor,
    purpose: ReadPurpose<R, F>,
    ids: readonly string[],
    options?: { fields?: readonly A[] },
  ): Promise<RecordView<R, A>[]>;
  /**
   * Exact-match or faceted search within the purpose's scope, one page at a time (the first
   * unless `options.page` says; the order is stable), capped and logged with what it returned.
   */
  search<R extends TableName, F extends FieldName<R>>(
    actor: Actor,
    purpose: SearchPurpose<R, F>,
    criteria: SearchCriteria,
    options?: { page?: number },
  ): Promise<SearchResult<R, F>>;
  /**
   * Creates records, or updates their encrypted fields, as `actor`, within the purpose's scope;
   * all rows or none. With `tx`, joins the caller's transaction (an account and its person).
   */
  write<T extends TableName, F extends WritableField<T>, P extends PlainColumn<T>>(
    actor: Actor,
    purpose: WritePurpose<T, F, P>,
    rows: readonly ({ id: string } & Partial<WriteRowOf<T, F, P>>)[],
    tx?: Queryable & { readonly inTransaction: true },
  ): Promise<void>;
  /**
   * Records canaries apart, as keyed marks only; the platform's own work. The ids are canary
   * people's, or records that hold one and are read by their own ids (an application).
   */
  markCanaries(actor: Actor, ids: readonly string[]): Promise<void>;
  /** Whether a person is a canary; only the guard should need this. */
  isCanary(personId: string): Promise<boolean>;
  /** The account whose login e-mail is `email`, if any (exact match on its blind index); no data read. */
  findAccountIdByEmail(email: string): Promise<string | null>;
  /** Seals and stores a new, unconfirmed TOTP secret (in the caller's transaction if given). */
  storeTotpSecret(accountId: string, secret: string, q?: Queryable): Promise<void>;
  readTotpSecret(accountId: string, q?: Queryable): Promise<TotpCredential | null>;
}

export function createVault(deps: VaultDeps): Vault {
  const registry = composePurposes(deps.purposes);
  const canaries = createCanaryWatch(deps);
  const door = createDoor({ ...deps, registry, canaries });
  return {
    purposes: registry,
    read: async (actor, purpose, ids, options) => (await door.read(actor, purpose, ids, options?.fields)) as never,
    search: async (actor, purpose, criteria, options) => {
      const page = options?.page ?? 1;
      if (!Number.isInteger(page) || page < 1 || page > MAX_SEARCH_PAGES) {
        throw new AppError('BAD_REQUEST', `page outside 1–${MAX_SEARCH_PAGES}`);
      }
      const compiled = compileSearch(deps.keyring, purpose, criteria);
      const result = await door.search(actor, purpose, compiled, (page - 1) * purpose.pageCap);
      const pages = Math.min(MAX_SEARCH_PAGES, Math.ceil(result.breadth / purpose.pageCap));
      return {
        records: result.records as never,
        breadth: result.breadth,
        capped: result.breadth > purpose.pageCap,
        pages,
      };
    },
    write: (actor, purpose, rows, tx) => writeRecords({ ...deps, registry }, actor, purpose, rows, tx),
    markCanaries: async (actor, ids) => {
      if (actor.kind !== 'system') throw new AppError('FORBIDDEN', 'canaries are the platform’s own');
      const marks = ids.map((id) => deps.keyring.mark(CANARY_MARK, id));
      await deps.db.query('INSERT INTO canary_marks (mark) SELECT unnest($1::bytea[]) ON CONFLICT DO NOTHING', [marks]);
      canaries.add(marks);
    },
    isCanary: async (personId) => {
      const { rows } = await deps.db.query('SELECT 1 FROM canary_marks WHERE mark = $1', [
        deps.keyring.mark(CANARY_MARK, personId),
      ]);
      return rows.length > 0;
    },
    findAccountIdByEmail: async (email) => {
      const { rows } = await deps.db.query<{ id: string }>('SELECT id FROM accounts WHERE email_bidx = $1', [
        deps.keyring.index('accountEmail', email),
      ]);
      return rows[0]?.id ?? null;
    },
    storeTotpSecret: (accountId, secret, q = deps.db) => storeTotpSecret(deps, q, accountId, secret),
    readTotpSecret: (accountId, q = deps.db) => readTotpSecret(deps, q, accountId),
  };
}
