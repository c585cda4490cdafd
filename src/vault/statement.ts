import { ENTRY_COLUMNS } from '../audit/index.js';
import { concerns } from './concerns.js';
import { catalogue, locateField, type FieldLocation, type TableName } from './catalogue.js';
import type { ReadPurpose, SearchPurpose } from './purpose.js';

/**
 * The door's statements: scope, guard, log entry and the envelopes, in a single round trip and
 * a single commit, planned once (prepared) and decrypted after they return. Column names come
 * from the catalogue, never from input.
 *
 * - `allowed`: the purpose's scope, kept to the ids asked (a scope cannot widen itself);
 * - `verdict`: the guard (SQL functions guard_check and guard_decide) sees the ids asked, the
 *   ids allowed, the purpose, a search's breadth and what its scope covers in all, even when
 *   nothing is in scope; a statement of several reads looks their accounts up once
 *   (guard_contexts), and hands each account's context to its first read only: a second read
 *   of the same account decides after the first, on what the first wrote (migration 0022);
 * - `entry`: the access-log entry, with the verdict and the ids probed outside scope;
 * - the final SELECT returns the envelopes only when the verdict is 'allow'.
 */
export interface DoorStatement {
  sql: string;
  /** The asked fields, in the order of the columns c0, c1… */
  fields: readonly { name: string; location: FieldLocation }[];
}

/**
 * Reads, several at once: the same purpose and fields, each request with its own actor and ids,
 * its own guard decision and its own log entry, so that concurrent reads share one commit (and
 * one flush of the write-ahead log) instead of queueing for one each. Parameters:
 * $1 request numbers (int[]) · $2 subjects (uuid[]) · $3 accounts (uuid[]) · $4 sessions
 * (text[]) · $5 client addresses (text[]) · $6, $7 the ids asked, as (request, id) pairs ·
 * $8 time · $9 purpose · $10 record kind · $11 fields (text[]).
 * Each returned row names its request (`n`); the first row of each request also carries the
 * people its entry names (`door_people`), once rather than on every row of a page.
 */
export function readStatement(purpose: ReadPurpose, fields: readonly string[]): DoorStatement {
  const located = locate(purpose, fields);
  // The request row's alias must not be one a scope could use for its own tables.
  const scope = bindScope(purpose.scope, {
    subject: 'door_req.subject',
    account: 'door_req.account',
    ids: 'door_req.ids',
  });
  const peopleOf = (n: string) => concernedBy(purpose.record, `SELECT a.id FROM allowed a WHERE a.n = ${n}`);
  // The guard counts as probed the ids asked that are not among the people allowed. For records
  // that are not people (an application, a referral), the ids asked are the records': the guard
  // is asked about the people the allowed records concern and the record ids the scope refused,
  // or every legitimate read of an application's message would count as out of scope.
  const askedOf = (n: string) =>
    purpose.record === 'person' || purpose.record === 'account'
      ? 'r.ids'
      : `ARRAY(SELECT x FROM unnest(r.ids) AS x WHERE x NOT IN (SELECT a.id FROM allowed a WHERE a.n = ${n})) || ${peopleOf(n)}`;
  const sql = `WITH req AS MATERIALIZED (
      SELECT r.n, r.subject, r.account, r.session, r.addr,
        ARRAY(SELECT p.id FROM unnest($6::int[], $7::uuid[]) AS p(n, id) WHERE p.n = r.n) AS ids
      FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS r(n, subject, account, session, addr)),
    allowed AS MATERIALIZED (
      SELECT DISTINCT door_req.n, door_scope.id FROM req door_req CROSS JOIN LATERAL (${scope}) AS door_scope
      WHERE door_scope.id = ANY(door_req.ids)),
    door_ctx AS MATERIALIZED (
      -- The accounts as a lateral column, not a subquery in the call: PostgreSQL inlines a SQL
      -- function into the prepared statement only then, instead of planning it at every call.
      SELECT c FROM (SELECT ARRAY(SELECT DISTINCT account FROM req) AS accounts) AS q
      CROSS JOIN LATERAL guard_contexts(q.accounts, $9::text, $8::timestamptz) AS c),
    numbered AS MATERIALIZED (
      SELECT r.n, nextval('access_log_seq') AS seq,
        guard_decide(CASE WHEN NOT EXISTS (SELECT 1 FROM req r2 WHERE r2.account = r.account AND r2.n < r.n)
            THEN (SELECT x.c FROM door_ctx x WHERE (x.c).actor = r.account) END,
          r.account, $9::text, ${askedOf('r.n')}, ${peopleOf('r.n')}, NULL::int, NULL::int, $8::timestamptz) AS verdict
      -- Load-bearing: the decisions run in this order (PostgreSQL evaluates a volatile output
      -- column after the sort). By account first: each decision locks its account's rows (the
      -- day's counter, the hour) until the commit, so every statement takes them in one order,
      -- and two statements in flight cannot each hold an account the other waits for. Then by
      -- n: an account's first read, the one given the context, is decided before its others.
      FROM req r ORDER BY r.account, r.n),
    entry AS (
      INSERT INTO access_log (seq, ${ENTRY_COLUMNS})
      SELECT nb.seq, $8::timestamptz, r.account, r.session, 'read', $9::text, $10::text, ${peopleOf('r.n')},
        ARRAY(SELECT DISTINCT x FROM unnest(r.ids) AS x WHERE x NOT IN (SELECT a.id FROM allowed a WHERE a.n = r.n) ORDER BY x),
        $11::text[], r.addr, nb.verdict, NULL::int
      FROM req r JOIN numbered nb ON nb.n = r.n
      RETURNING seq, outcome, people)
    SELECT nb.n, e.outcome,
      CASE WHEN row_number() OVER (PARTITION BY nb.n ORDER BY t.id) = 1 THEN e.people END AS door_people, t.*
    FROM entry e JOIN numbered nb ON nb.seq = e.seq
    LEFT JOIN LATERAL (${selectRecords(purpose.record, located, 'SELECT a.id FROM allowed a WHERE a.n = nb.n')}) AS t
      ON e.outcome = 'allow'
    ORDER BY nb.n, t.id`;
  return { sql, fields: located };
}

/** A search's two statements: its page, then its guard, entry and envelopes. */
export interface SearchStatements {
  page: string;
  entry: DoorStatement;
}

/**
 * A search, in two statements, so that the door knows the people of its page before anything
 * is decided or logged (a canary among them suspends the account first, and the entry then
 * says `deny`, not `allow`).
 *
 * `page`: the ids its criteria match (through blind indexes) take the place of the ids asked,
 * the purpose's scope keeps those it allows, and its page cap the first of them; it returns
 * them (`ids`), how many the scope allowed in all (`breadth`) and, where the purpose declares
 * it, its extent. It writes nothing and reads no personal column. Parameters: $1 subject ·
 * $2 account · $3 session · $4 client address · $5 time · $6 purpose · $7 record kind ·
 * $8 fields · $9 page cap · $10 offset of the page (ids in order) · then the criteria's own
 * from $11 ({@link SEARCH_PARAMS_START}); those the page does not use are only typed, so that
 * both statements take the same first parameters.
 *
 * `entry`: the scope again on the page's ids (what changed in between is not returned), the
 * guard with the breadth and the extent, the log entry, and the envelopes if allowed.
 * Parameters: $1 to $8 as above · $9 the page's ids (uuid[]) · $10 breadth · $11 extent.
 */
export function searchStatements(
  purpose: SearchPurpose,
  fields: readonly string[],
  matchedSql: string,
): SearchStatements {
  const located = locate(purpose, fields);
  const matchedScope = bindScope(purpose.scope, {
    subject: '$1::uuid',
    account: '$2::uuid',
    ids: '(ARRAY(SELECT id FROM matched))',
  });
  // The extent (how many records the whole scope covers) is counted only for a search that
  // matched at least the guard's fixed threshold: the only searches it can change the guard's
  // mind about (migration 0021). CASE evaluates its subquery only then.
  const extent = purpose.extent
    ? `CASE WHEN (SELECT n FROM breadth) >= (SELECT value FROM guard_settings WHERE name = 'broad_search_breadth')
        THEN (SELECT door_extent.n FROM (${bindScope(purpose.extent, { subject: '$1::uuid', account: '$2::uuid', ids: 'NULL' })}) AS door_extent(n))::int END`
    : 'NULL::int';
  const page = `WITH door_params AS MATERIALIZED (
      SELECT $1::uuid AS subject, $2::uuid AS account, $3::text AS session, $4::text AS addr,
        $5::timestamptz AS at, $6::text AS purpose, $7::text AS kind, $8::text[] AS fields),
    matched AS MATERIALIZED (${matchedSql}),
    in_scope AS MATERIALIZED (
      SELECT DISTINCT door_scope.id FROM (${matchedScope}) AS door_scope WHERE door_scope.id IN (SELECT id FROM matched)),
    allowed AS MATERIALIZED (SELECT id FROM in_scope ORDER BY id LIMIT $9::int OFFSET $10::int),
    breadth AS MATERIALIZED (SELECT count(*)::int AS n FROM in_scope)
    SELECT ARRAY(SELECT id FROM allowed ORDER BY id) AS ids, (SELECT n FROM breadth) AS breadth, ${extent} AS extent
    FROM door_params`;
  const pageScope = bindScope(purpose.scope, { subject: '$1::uuid', account: '$2::uuid', ids: '$9::uuid[]' });
  const entry = `WITH allowed AS MATERIALIZED (
      SELECT DISTINCT door_scope.id FROM (${pageScope}) AS door_scope WHERE door_scope.id = ANY($9::uuid[])),
    verdict AS MATERIALIZED (
      SELECT guard_check($2::uuid, $6::text, '{}'::uuid[], ${concernedBy(purpose.record, 'SELECT id FROM allowed')},
        $10::int, $11::int, $5::timestamptz) AS v),
    entry AS (
      INSERT INTO access_log (${ENTRY_COLUMNS})
      SELECT $5::timestamptz, $2::uuid, $3::text, 'search', $6::text, $7::text,
        ${concernedBy(purpose.record, 'SELECT id FROM allowed')},
        '{}'::uuid[], $8::text[], $4::text, verdict.v, $10::int
      FROM verdict
      RETURNING seq, outcome, breadth, people)
    SELECT e.outcome, e.breadth, e.people AS door_people, $1::uuid AS subject, t.*
    FROM entry e LEFT JOIN LATERAL (${selectRecords(purpose.record, located, 'SELECT id FROM allowed')}) AS t
      ON e.outcome = 'allow'
    ORDER BY t.id`;
  return { page, entry: { sql: entry, fields: located } };
}

/**
 * Which of some ids the purpose's scope allows the subject, and nothing else: no guard, no log,
 * no personal column (a scope names none). The door asks it only of the canaries among the ids
 * a read asks (people, or records marked with a canary), to know whether the read would reach
 * one before it runs.
 * Parameters: $1 subject · $2 account · $3 the ids (uuid[]).
 */
export function scopeStatement(purpose: ReadPurpose): string {
  const scope = bindScope(purpose.scope, { subject: '$1::uuid', account: '$2::uuid', ids: '$3::uuid[]' });
  // Every parameter is typed here, whether the scope names it or not (a prepared statement
  // cannot leave one untyped).
  return `SELECT DISTINCT door_scope.id FROM (${scope}) AS door_scope,
    (SELECT $1::uuid AS subject, $2::uuid AS account) AS door_params WHERE door_scope.id = ANY($3::uuid[])`;
}

/** Where a search's own parameters start. */
export const SEARCH_PARAMS_START = 11;

function locate(purpose: ReadPurpose | SearchPurpose, fields: readonly string[]): DoorStatement['fields'] {
  return fields.map((name) => ({ name, location: locateField(purpose.record, name)! }));
}

/** Puts the statement's values where the scope names them (`::` casts are left alone). */
function bindScope(scope: string, values: { subject: string; account: string; ids: string }): string {
  return scope
    .replace(/(?<!:):subject\b/g, values.subject)
    .replace(/(?<!:):account\b/g, values.account)
    .replace(/(?<!:):ids\b/g, values.ids);
}

/**
 * The people (or accounts) the allowed records concern, sorted: the records themselves for a
 * person or an account, else the table's `concerns` (the person an application or a CV is
 * about). The log entry names them, and the guard charges them.
 */
function concernedBy(record: TableName, allowedIds: string): string {
  if (record === 'person' || record === 'account')
    return `ARRAY(SELECT x.id FROM (${allowedIds}) AS x(id) ORDER BY x.id)`;
  const table = catalogue[record];
  return `ARRAY(WITH written AS (SELECT * FROM ${table.table} WHERE ${table.idColumn} IN (${allowedIds}))
    SELECT DISTINCT c.id FROM (${concerns[record].sql}) AS c(id) ORDER BY c.id)`;
}

/** The allowed records' envelopes, from the record's table and those that extend it. */
function selectRecords(record: TableName, fields: DoorStatement['fields'], allowedIds: string): string {
  const main = catalogue[record];
  const joined = [...new Set(fields.map((field) => field.location.table).filter((table) => table !== record))];
  const alias = (table: TableName) => (table === record ? 't0' : `t${joined.indexOf(table) + 1}`);
  const columns = fields.map(
    (field, index) => `${alias(field.location.table)}.${field.location.spec.column} AS c${index}`,
  );
  const joins = joined.map(
    (table) =>
      `LEFT JOIN ${catalogue[table].table} ${alias(table)} ON ${alias(table)}.${catalogue[table].idColumn} = t0.${main.idColumn}`,
  );
  return `SELECT t0.${main.idColumn} AS id${columns.map((column) => `, ${column}`).join('')}
    FROM ${main.table} t0 ${joins.join(' ')}
    WHERE t0.${main.idColumn} IN (${allowedIds})`;
}
