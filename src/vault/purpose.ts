import type { FieldName, PlainColumn, TableName, WritableField } from './catalogue.js';
import type { Role } from './types.js';

/**
 * Why personal data may be read or written, by whom, which fields at most, and which
 * relationship scopes it (GDPR art. 5(1)(b) and (c): purpose limitation and data
 * minimisation). Each domain declares its own purposes in `<domain>.purposes.ts`; the vault
 * composes them at start (./registry.ts) and refuses any it cannot trust. Anything not declared
 * is denied.
 *
 * A scope is SQL over non-personal tables that returns, in a column `id`, the allowed subset of
 * the ids asked. It may use these parameters:
 * - `:subject`: the actor's organisation, account or person id, as `subject` says;
 * - `:ids`: the ids asked (a uuid[]); for a search, the ids its criteria matched;
 * - `:account`: the acting account's id;
 * - `new_rows`: for a create, the rows about to be inserted (their id and plain columns).
 * It may never name an encrypted column or a blind index.
 */
interface PurposeBase {
  /** A stable code, written in every access-log entry: 'training.follow_up'. */
  name: string;
  /** The roles of the accounts that may invoke it, or 'platform' for the platform's own work. */
  roles: readonly Role[] | 'platform';
  /** Whose id `:subject` is: the actor's organisation, account or person, or nobody's. */
  subject: 'organisation' | 'account' | 'person' | 'none';
  scope: string;
}

/** Reads of chosen records by id: a list page, a detail, a contact. */
export interface ReadPurpose<R extends TableName = TableName, F extends string = string> extends PurposeBase {
  kind: 'read';
  record: R;
  /** The most fields it may return; a read may ask for fewer. */
  fields: readonly F[];
  /** The most records one read may ask for: a page, never an export. */
  pageCap: number;
  /**
   * How the guard counts it, when not by its page cap (1: a file opened; more: a list):
   * 'self' for an account reading only itself, never charged (src/guard/policy.ts).
   */
  guardClass?: 'file' | 'list' | 'self';
}

/** What a search may match on: exact values through blind indexes, or pool facets. */
export type SearchKey = 'email' | 'phone' | 'franceTravailId' | 'name' | 'facets';

/** Searches: exact match through blind indexes, or faceted; capped, logged with what they returned. */
export interface SearchPurpose<R extends TableName = TableName, F extends string = string> extends PurposeBase {
  kind: 'search';
  record: R;
  fields: readonly F[];
  by: readonly SearchKey[];
  /** The most records one search returns. */
  pageCap: number;
  /**
   * How many records the scope covers in all, for the guard to judge a search's breadth
   * against (a search matching 5 % of a pool of 377,418 is broad; 300 of them are not): SQL
   * over non-personal tables returning one row of one number, with `:subject` and `:account`
   * as in the scope. Without it, the guard's fixed threshold alone decides.
   */
  extent?: string;
  /** A search's results are always counted as a list. */
  guardClass?: 'file' | 'list' | 'self';
}

/** Writes: create records, or update their encrypted fields, as the account that asks. */
export interface WritePurpose<
  T extends TableName = TableName,
  F extends string = string,
  P extends string = string,
> extends PurposeBase {
  kind: 'write';
  table: T;
  mode: 'create' | 'update';
  fields: readonly F[];
  /** For a create: the plain columns it sets. */
  plain: readonly P[];
}

export type AnyPurpose = ReadPurpose | SearchPurpose | WritePurpose;

/** Declares a read purpose; the field names are checked against the catalogue by the compiler. */
export function readPurpose<R extends TableName, const F extends FieldName<R>>(
  spec: Omit<ReadPurpose<R, F>, 'kind'>,
): ReadPurpose<R, F> {
  return { ...spec, kind: 'read' };
}

export function searchPurpose<R extends TableName, const F extends FieldName<R>>(
  spec: Omit<SearchPurpose<R, F>, 'kind'>,
): SearchPurpose<R, F> {
  return { ...spec, kind: 'search' };
}

export function writePurpose<
  T extends TableName,
  const F extends WritableField<T>,
  const P extends PlainColumn<T> = never,
>(spec: Omit<WritePurpose<T, F, P>, 'kind' | 'plain'> & { plain?: readonly P[] }): WritePurpose<T, F, P> {
  return { ...spec, kind: 'write', plain: spec.plain ?? [] };
}
