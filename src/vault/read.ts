import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import type { Guard } from '../guard/index.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { decodeField } from './codec.js';
import { fieldSpecs, isReadableField } from './fields.js';
import { isPurpose, purposes, type PurposeSpec } from './purposes.js';
import type { Actor, PersonView, ReadableField } from './types.js';

export interface ReadDeps {
  db: Db;
  keyring: Keyring;
  accessLog: AccessLog;
  guard: Guard;
  clock: Clock;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The most people one call may ask for: bulk work goes through exports, not reads. */
export const MAX_PEOPLE_PER_READ = 100;

type AccountActor = Extract<Actor, { kind: 'account' }>;

/**
 * The one door for reading personal data. In one transaction: relationship scope in SQL keeps
 * the allowed subset, the guard decides, the access log records, and only then are the asked
 * fields decrypted. People outside scope are simply absent, as if they did not exist.
 */
export async function readPeople(
  deps: ReadDeps,
  actor: Actor,
  personIds: readonly string[],
  fields: readonly string[],
  purposeName: string,
): Promise<PersonView[]> {
  const { account, purpose, asked } = checkRequest(actor, personIds, fields, purposeName);
  const ids = [...new Set(personIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  return deps.db.transaction(async (tx) => {
    const subject = subjectOf(account, purpose);
    if (!subject) return [];
    const rows = (await tx.query<Record<string, unknown>>(selectSql(purpose, asked), [subject, ids])).rows;
    if (rows.length === 0) return [];
    const allowed = rows.map((row) => row.id as string);
    const at = deps.clock.now();
    const decision = await deps.guard.check(tx, {
      accountId: account.accountId,
      purpose: purposeName,
      people: allowed,
      fields: asked,
      at,
    });
    if (decision.verdict === 'step_up') throw new AppError('STEP_UP_REQUIRED', decision.reason);
    if (decision.verdict === 'deny') throw new AppError('READ_BUDGET_EXCEEDED', decision.reason);
    await appendOrFail(deps.accessLog, tx, {
      actorId: account.accountId,
      sessionId: account.sessionId,
      action: 'read',
      purpose: purposeName,
      people: allowed,
      fields: asked,
      clientAddr: account.clientAddr,
    });
    return rows.map((row) => project(deps.keyring, row, asked));
  });
}

function checkRequest(actor: Actor, personIds: readonly string[], fields: readonly string[], purposeName: string) {
  if (actor.kind !== 'account') throw new AppError('FORBIDDEN', 'the platform does not read personal data');
  if (!isPurpose(purposeName)) throw new AppError('FORBIDDEN', `unknown purpose ${purposeName}`);
  const purpose: PurposeSpec = purposes[purposeName];
  if (!purpose.roles.includes(actor.role)) throw new AppError('FORBIDDEN', `role ${actor.role} for ${purposeName}`);
  if (personIds.length > MAX_PEOPLE_PER_READ) throw new AppError('BAD_REQUEST', 'too many people in one read');
  const asked = [...new Set(fields)];
  if (asked.length === 0) throw new AppError('BAD_REQUEST', 'no field asked');
  for (const field of asked) {
    if (!isReadableField(field) || !purpose.fields.includes(field)) {
      throw new AppError('FIELD_NOT_ALLOWED', `field not allowed for ${purposeName}`);
    }
  }
  return { account: actor, purpose, asked: asked as ReadableField[] };
}

function subjectOf(actor: AccountActor, purpose: PurposeSpec): string | null {
  if (purpose.subject === 'organisation') return actor.organisationId;
  if (purpose.subject === 'person') return actor.personId;
  return actor.accountId;
}

/**
 * The scope query and the envelopes of the asked fields, in one round trip. Column names come
 * from fieldSpecs, never from input.
 */
function selectSql(purpose: PurposeSpec, asked: readonly ReadableField[]): string {
  const columns = asked.map((field) => {
    const spec = fieldSpecs[field];
    return `${spec.table === 'people' ? 'p' : 'cp'}.${spec.column} AS "${field}"`;
  });
  const needsProfile = asked.some((field) => fieldSpecs[field].table === 'candidate_profiles');
  return `WITH allowed AS (${purpose.scopeSql})
    SELECT p.id, ${columns.join(', ')}
    FROM allowed JOIN people p ON p.id = allowed.id
    ${needsProfile ? 'LEFT JOIN candidate_profiles cp ON cp.person_id = p.id' : ''}
    ORDER BY p.id`;
}

async function appendOrFail(accessLog: AccessLog, ...args: Parameters<AccessLog['append']>): Promise<void> {
  try {
    await accessLog.append(...args);
  } catch (error) {
    throw new AppError('AUDIT_FAILED', error instanceof Error ? error.name : 'unknown');
  }
}

function project(keyring: Keyring, row: Record<string, unknown>, asked: readonly ReadableField[]): PersonView {
  const id = row.id as string;
  const view: Record<string, unknown> = { id };
  for (const field of asked) view[field] = decodeField(keyring, field, id, row[field] as Uint8Array | null);
  return view as PersonView;
}
