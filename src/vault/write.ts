import { ENTRY_COLUMNS } from '../audit/index.js';
import type { Db, Tx } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { catalogue, type TableSpec } from './catalogue.js';
import { sealCell } from './codec.js';
import { checkActor, entryActor, subjectOf } from './actors.js';
import { concerns } from './concerns.js';
import { profileFacets } from './facets.js';
import type { WritePurpose } from './purpose.js';
import type { PurposeRegistry } from './registry.js';
import type { Actor, CategorySought, DesiredZones, LanguageSkill } from './types.js';

export interface WriteDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  registry: PurposeRegistry;
  addressKey: Buffer;
  onLogged?: () => void;
}

/** One row of a write: its id, and values for fields and plain columns the purpose allows. */
export type WriteRow = { id: string } & Record<string, unknown>;

interface Column {
  name: string;
  type: string;
  values: unknown[];
}

/**
 * Writes personal data through the door, as the actor that asks: a create inserts new records,
 * an update replaces encrypted fields of existing ones. In one statement: the purpose's scope
 * keeps the rows the actor may write, the rows are written with their envelopes and blind
 * indexes, and the access log records it, naming the actor. If the scope refuses a single row,
 * nothing is written. With `tx`, it joins the caller's transaction.
 */
export async function writeRecords(
  deps: WriteDeps,
  actor: Actor,
  purpose: WritePurpose,
  rows: readonly WriteRow[],
  tx?: Tx,
): Promise<void> {
  checkActor(deps.registry, actor, purpose);
  if (rows.length === 0) return;
  const table: TableSpec = catalogue[purpose.table];
  const given = checkRows(purpose, table, rows);
  await deps.keyring.refreshIfStale(tx ?? deps.db);
  const columns = buildColumns(deps.keyring, purpose, table, rows, given);
  const who = entryActor(actor, deps.addressKey);
  const params = [
    subjectOf(actor, purpose),
    who.accountId,
    deps.clock.now(),
    who.sessionId,
    purpose.mode,
    purpose.name,
    concerns[purpose.table].record,
    given.fields,
    who.clientAddr,
    ...columns.map((column) => column.values),
  ];
  const sql = purpose.mode === 'create' ? createSql(purpose, table, columns) : updateSql(purpose, table, columns);
  const work = async (q: Tx) => {
    const { rows: result } = await q.query<{ written: number }>(sql, params);
    if (result[0]!.written !== rows.length) throw new AppError('FORBIDDEN', `${purpose.name}: rows outside scope`);
    if (purpose.table === 'profile') await writeFacets(deps.keyring, q, rows, purpose.mode);
  };
  await (tx ? work(tx) : deps.db.transaction(work));
  deps.onLogged?.();
}

/** Every row gives the same fields and columns, all allowed; names and facets come whole. */
function checkRows(purpose: WritePurpose, table: TableSpec, rows: readonly WriteRow[]) {
  const keys = Object.keys(rows[0]!)
    .filter((key) => key !== 'id')
    .sort();
  for (const row of rows) {
    const own = Object.keys(row)
      .filter((key) => key !== 'id')
      .sort();
    if (own.join() !== keys.join()) throw new AppError('BAD_REQUEST', 'rows of one write give different fields');
  }
  const fields = keys.filter((key) => key in table.fields);
  const plain = keys.filter((key) => key in table.plain);
  for (const key of keys) {
    if (!purpose.fields.includes(key) && !purpose.plain.includes(key)) {
      throw new AppError('FIELD_NOT_ALLOWED', `${key} for ${purpose.name}`);
    }
  }
  if (purpose.mode === 'create') {
    const missing = [...purpose.fields, ...purpose.plain].filter((key) => !keys.includes(key));
    if (missing.length > 0) throw new AppError('BAD_REQUEST', `create without ${missing.join(', ')}`);
  }
  const partial = (group: readonly string[]) =>
    group.some((f) => fields.includes(f)) && !group.every((f) => fields.includes(f));
  // The name index covers both names, the facets all three profile fields: never half of one.
  if (purpose.table === 'person' && partial(['lastName', 'firstName']))
    throw new AppError('BAD_REQUEST', 'half a name');
  if (purpose.table === 'profile' && partial(['zones', 'languages', 'postsSought'])) {
    throw new AppError('BAD_REQUEST', 'facets need zones, languages and posts sought');
  }
  // The categories are facets too: given alone, they would replace the others with nothing.
  if (purpose.table === 'profile' && fields.includes('categoriesSought') && !fields.includes('zones')) {
    throw new AppError('BAD_REQUEST', 'categories sought go with the other facets');
  }
  return { fields, plain };
}

function buildColumns(
  keyring: Keyring,
  purpose: WritePurpose,
  table: TableSpec,
  rows: readonly WriteRow[],
  given: { fields: string[]; plain: string[] },
): Column[] {
  const columns: Column[] = [{ name: table.idColumn, type: 'uuid', values: rows.map((row) => row.id) }];
  for (const name of given.plain) {
    const spec = table.plain[name]!;
    columns.push({ name: spec.column, type: spec.type, values: rows.map((row) => row[name] ?? null) });
  }
  for (const field of given.fields) {
    const spec = table.fields[field]!;
    columns.push({
      name: spec.column,
      type: 'bytea',
      values: rows.map((row) => sealCell(keyring, table.table, spec.column, row.id, row[field])),
    });
    if (spec.index) {
      const index = spec.index;
      columns.push({
        name: index.column,
        type: 'bytea',
        values: rows.map((row) =>
          typeof row[field] === 'string' ? keyring.index(index.name, row[field] as string) : null,
        ),
      });
    }
  }
  if (purpose.table === 'person' && given.fields.includes('lastName')) {
    columns.push({
      name: 'name_bidx',
      type: 'bytea',
      values: rows.map((row) => keyring.nameIndex(String(row.lastName), String(row.firstName))),
    });
  }
  return columns;
}

const FIRST_COLUMN = 10;

function rowsCte(name: string, columns: readonly Column[]): string {
  const arrays = columns.map((column, index) => `$${FIRST_COLUMN + index}::${column.type}[]`);
  return `${name} AS (SELECT * FROM unnest(${arrays.join(', ')}) AS n(${columns.map((c) => c.name).join(', ')}))`;
}

function entryCte(purpose: WritePurpose): string {
  return `entry AS (
      INSERT INTO access_log (${ENTRY_COLUMNS})
      SELECT $3::timestamptz, $2::uuid, $4::text, $5::text, $6::text, $7::text,
        ARRAY(SELECT DISTINCT x FROM (${concerns[purpose.table].sql}) AS c(x) WHERE x IS NOT NULL ORDER BY x),
        '{}'::uuid[], $8::text[], $9::text, 'allow', NULL
      RETURNING seq)`;
}

function bind(scope: string, ids: string): string {
  return scope
    .replace(/(?<!:):subject\b/g, '$1::uuid')
    .replace(/(?<!:):account\b/g, '$2::uuid')
    .replace(/(?<!:):ids\b/g, ids);
}

function createSql(purpose: WritePurpose, table: TableSpec, columns: readonly Column[]): string {
  const names = columns.map((column) => column.name).join(', ');
  return `WITH ${rowsCte('new_rows', columns)},
    allowed AS MATERIALIZED (
      SELECT DISTINCT s.id FROM (${bind(purpose.scope, `(ARRAY(SELECT n.${table.idColumn} FROM new_rows n))`)}) AS s),
    written AS (
      INSERT INTO ${table.table} (${names})
      SELECT ${names} FROM new_rows WHERE ${table.idColumn} IN (SELECT id FROM allowed)
      RETURNING *),
    ${entryCte(purpose)}
    SELECT (SELECT count(*)::int FROM written) AS written, (SELECT seq FROM entry) AS seq, $1::uuid AS subject`;
}

function updateSql(purpose: WritePurpose, table: TableSpec, columns: readonly Column[]): string {
  const id = table.idColumn;
  const sets = columns.slice(1).map((column) => `${column.name} = v.${column.name}`);
  return `WITH ${rowsCte('changes', columns)},
    allowed AS MATERIALIZED (
      SELECT DISTINCT s.id FROM (${bind(purpose.scope, `(ARRAY(SELECT v.${id} FROM changes v))`)}) AS s
      WHERE s.id IN (SELECT v.${id} FROM changes v)),
    written AS (
      UPDATE ${table.table} t SET ${sets.join(', ')}
      FROM changes v WHERE t.${id} = v.${id} AND t.${id} IN (SELECT id FROM allowed)
      RETURNING t.*),
    ${entryCte(purpose)}
    SELECT (SELECT count(*)::int FROM written) AS written, (SELECT seq FROM entry) AS seq, $1::uuid AS subject`;
}

/** The pool facets of written profiles, as blind-index tokens, replaced whole. */
async function writeFacets(keyring: Keyring, q: Tx, rows: readonly WriteRow[], mode: 'create' | 'update') {
  const withFacets = rows.filter((row) => 'zones' in row);
  if (withFacets.length === 0) return;
  if (mode === 'update') {
    await q.query('DELETE FROM profile_facets WHERE person_id = ANY($1::uuid[])', [withFacets.map((row) => row.id)]);
  }
  const facets = withFacets.flatMap((row) =>
    profileFacets({
      zones: row.zones as DesiredZones,
      languages: row.languages as LanguageSkill[],
      postsSought: row.postsSought as string[],
      categoriesSought: (row.categoriesSought as CategorySought[] | null | undefined) ?? [],
    }).map((facet) => ({ personId: row.id, token: keyring.index('profileFacet', facet) })),
  );
  await q.query(
    `INSERT INTO profile_facets (person_id, facet_bidx) SELECT * FROM unnest($1::uuid[], $2::bytea[])
     ON CONFLICT DO NOTHING`,
    [facets.map((facet) => facet.personId), facets.map((facet) => facet.token)],
  );
}
