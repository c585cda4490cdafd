import { ENTRY_COLUMNS } from '../audit/index.js';
import { catalogue, locateField, type FieldLocation, type TableName } from './catalogue.js';
import type { ReadPurpose, SearchPurpose } from './purpose.js';

/**
 * The door's one statement: scope, guard, log entry and the envelopes, in a single round trip
 * and a single commit. Its parameters, in order:
 * $1 subject · $2 ids asked (uuid[]) · $3 acting account · $4 time · $5 session · $6 action ·
 * $7 purpose · $8 record kind · $9 fields (text[]) · $10 client address; a search adds $11, its
 * page cap, then its own parameters from $12.
 *
 * - `allowed`: the purpose's scope, kept to the ids asked (a scope cannot widen itself);
 * - `verdict`: the guard (SQL function guard_check) sees the ids asked, the ids allowed, the
 *   purpose and a search's breadth, even when nothing is in scope;
 * - `entry`: the access-log entry, with the verdict and the ids probed outside scope;
 * - the final SELECT returns the envelopes only when the verdict is 'allow'.
 * The statement commits before it returns; decryption happens after, in the process. Column
 * names come from the catalogue, never from input.
 */
export interface DoorStatement {
  sql: string;
  /** The asked fields, in the order of the columns c0, c1… */
  fields: readonly { name: string; location: FieldLocation }[];
}

export const SEARCH_PARAMS_START = 12;

export function doorStatement(
  purpose: ReadPurpose | SearchPurpose,
  fields: readonly string[],
  search: { matchedSql: string } | null,
): DoorStatement {
  const located = fields.map((name) => ({ name, location: locateField(purpose.record, name)! }));
  const idsExpression = search ? '(ARRAY(SELECT id FROM matched))' : '($2::uuid[])';
  const scope = bindScope(purpose.scope, idsExpression);
  const allowed = search
    ? `matched AS MATERIALIZED (${search.matchedSql}),
       in_scope AS MATERIALIZED (SELECT DISTINCT s.id FROM (${scope}) AS s WHERE s.id IN (SELECT id FROM matched)),
       allowed AS MATERIALIZED (SELECT id FROM in_scope ORDER BY id LIMIT $11::int)`
    : `allowed AS MATERIALIZED (SELECT DISTINCT s.id FROM (${scope}) AS s WHERE s.id = ANY($2::uuid[]))`;
  const breadth = search ? '(SELECT count(*)::int FROM in_scope)' : 'NULL::int';
  // A search asks for no id ($2 is empty): what it reaches is its breadth, not a probe.
  const asked = '$2::uuid[]';
  const sql = `WITH ${allowed},
    verdict AS MATERIALIZED (
      SELECT guard_check($3::uuid, $7::text, ${asked}, ARRAY(SELECT id FROM allowed ORDER BY id), ${breadth}, $4::timestamptz) AS v),
    entry AS (
      INSERT INTO access_log (${ENTRY_COLUMNS})
      SELECT $4::timestamptz, $3::uuid, $5::text, $6::text, $7::text, $8::text,
        ARRAY(SELECT id FROM allowed ORDER BY id),
        ARRAY(SELECT DISTINCT x FROM unnest(${asked}) AS x WHERE x NOT IN (SELECT id FROM allowed) ORDER BY x),
        $9::text[], $10::text, verdict.v, ${breadth}
      FROM verdict
      RETURNING seq, outcome, breadth)
    SELECT entry.seq, entry.outcome, entry.breadth, $1::uuid AS subject, r.*
    FROM entry LEFT JOIN LATERAL (${selectRecords(purpose.record, located)}) AS r ON entry.outcome = 'allow'
    ORDER BY r.id`;
  return { sql, fields: located };
}

/** Puts the statement's parameters where the scope names them. */
function bindScope(scope: string, idsExpression: string): string {
  return scope
    .replace(/(?<!:):subject\b/g, '$1::uuid')
    .replace(/(?<!:):account\b/g, '$3::uuid')
    .replace(/(?<!:):ids\b/g, idsExpression);
}

/** The allowed records' envelopes, from the record's table and those that extend it. */
function selectRecords(record: TableName, fields: DoorStatement['fields']): string {
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
    WHERE t0.${main.idColumn} IN (SELECT id FROM allowed)`;
}
