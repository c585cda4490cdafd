import type { Db } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { catalogue } from './catalogue.js';
import { openCell } from './codec.js';
import type { ReadPurpose, SearchPurpose } from './purpose.js';
import type { PurposeRegistry } from './registry.js';
import { doorStatement, type DoorStatement } from './statement.js';
import { checkActor, entryActor, subjectOf } from './actors.js';
import type { Actor } from './types.js';

export interface DoorDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  registry: PurposeRegistry;
  /** Keys the pseudonyms of citizens' addresses in the log. */
  addressKey: Buffer;
  /** Called once an entry is committed: the sealer's nudge. */
  onLogged?: () => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What went through the door: the decrypted records, and for a search how many it matched. */
export interface DoorResult {
  records: Record<string, unknown>[];
  breadth: number | null;
}

export interface DoorRequest {
  purpose: ReadPurpose | SearchPurpose;
  /** The fields to return; all the purpose's when omitted. */
  fields?: readonly string[];
  /** Fields decrypted for the door's own use (a search's exact check), logged, not returned. */
  extraFields?: readonly string[];
  ids: readonly string[];
  search: { matchedSql: string; params: readonly unknown[] } | null;
  /** Keeps only the records this says are wanted (a search's exact check), before extra fields go. */
  keep?: (record: Record<string, unknown>) => boolean;
}

const statements = new Map<string, DoorStatement>();

/**
 * The one door for reading personal data. One statement, one commit: relationship scope keeps
 * the allowed subset, the guard decides, the access log records (with what was asked outside
 * scope), and only then, once committed, are the asked fields decrypted. Records outside scope
 * are simply absent, as if they did not exist. If the statement fails (guard, log, database),
 * the read fails and nothing is decrypted.
 */
export async function passDoor(deps: DoorDeps, actor: Actor, request: DoorRequest): Promise<DoorResult> {
  const { purpose } = request;
  checkActor(deps.registry, actor, purpose);
  const returned = pickFields(purpose, request.fields);
  const fields = [...new Set([...returned, ...(request.extraFields ?? [])])];
  const ids = [...new Set(request.ids.map((id) => id.toLowerCase()))].filter((id) => UUID.test(id));
  if (ids.length > purpose.pageCap) throw new AppError('BAD_REQUEST', `more than ${purpose.pageCap} ids`);
  if (!request.search && ids.length === 0) return { records: [], breadth: null };
  const key = `${purpose.name}|${fields.join(',')}|${request.search?.matchedSql ?? ''}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = doorStatement(purpose, fields, request.search);
    statements.set(key, statement);
  }
  await deps.keyring.refreshIfStale(deps.db);
  const who = entryActor(actor, deps.addressKey);
  const params: unknown[] = [
    subjectOf(actor, purpose),
    request.search ? [] : ids,
    who.accountId,
    deps.clock.now(),
    who.sessionId,
    request.search ? 'search' : 'read',
    purpose.name,
    purpose.record === 'account' ? 'account' : 'person',
    fields,
    who.clientAddr,
  ];
  if (request.search) params.push(purpose.pageCap, ...request.search.params);
  const rows = await runStatement(deps.db, statement.sql, params);
  deps.onLogged?.();
  const head = rows[0];
  if (!head) throw new AppError('AUDIT_FAILED', 'no entry returned');
  if (head.outcome === 'step_up') throw new AppError('STEP_UP_REQUIRED', 'read budget');
  if (head.outcome !== 'allow') throw new AppError('READ_BUDGET_EXCEEDED', `guard: ${String(head.outcome)}`);
  const records = rows
    .filter((row) => row.id !== null)
    .map((row) => decrypt(deps.keyring, statement, row))
    .filter((record) => request.keep?.(record) ?? true)
    .map((record) => only(record, returned));
  return { records, breadth: (head.breadth as number | null) ?? null };
}

function pickFields(purpose: ReadPurpose | SearchPurpose, asked: readonly string[] | undefined): string[] {
  if (!asked) return [...purpose.fields];
  const fields = [...new Set(asked)];
  if (fields.length === 0) throw new AppError('BAD_REQUEST', 'no field asked');
  for (const field of fields) {
    if (!purpose.fields.includes(field)) throw new AppError('FIELD_NOT_ALLOWED', `${field} for ${purpose.name}`);
  }
  return fields;
}

async function runStatement(db: Db, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  try {
    return (await db.query<Record<string, unknown>>(sql, params, { prepare: true })).rows;
  } catch (error) {
    // The guard or the log could not record the read: it does not happen (fail closed).
    throw new AppError('AUDIT_FAILED', error instanceof Error ? error.message.slice(0, 120) : 'unknown');
  }
}

function decrypt(keyring: Keyring, statement: DoorStatement, row: Record<string, unknown>): Record<string, unknown> {
  const id = row.id as string;
  const record: Record<string, unknown> = { id };
  statement.fields.forEach((field, index) => {
    const envelope = row[`c${index}`] as Uint8Array | null;
    if (envelope === null || envelope === undefined) {
      record[field.name] = null;
      return;
    }
    const text = openCell(keyring, catalogue[field.location.table].table, field.location.spec.column, id, envelope);
    record[field.name] = field.location.spec.json ? JSON.parse(text) : text;
  });
  return record;
}

function only(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = { id: record.id };
  for (const field of fields) kept[field] = record[field];
  return kept;
}
