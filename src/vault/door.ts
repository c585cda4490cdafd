import type { CanaryWatch } from './canaries.js';
import type { Db } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { checkActor, entryActor, subjectOf } from './actors.js';
import { createBatcher, createHeldKeys, type Batcher } from './batcher.js';
import { catalogue } from './catalogue.js';
import { openCell } from './codec.js';
import type { ReadPurpose, SearchPurpose } from './purpose.js';
import type { PurposeRegistry } from './registry.js';
import {
  readStatement,
  scopeStatement,
  searchStatements,
  type DoorStatement,
  type SearchStatements,
} from './statement.js';
import { concerns } from './concerns.js';
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
  /** The canary marks, checked against the people each account's read names. */
  canaries: CanaryWatch;
  /**
   * The guard's answer when it suspends an account: its read named canaries, or its score
   * crossed the line (sessions ended, alert, e-mails), awaited before the read fails. If it
   * fails or is missing, the read fails all the same, and the account stays suspended.
   */
  onSuspend?: SuspensionHandler;
}

/** Why the guard suspends an account during one of its reads. */
export type SuspensionCause = { kind: 'canary'; canaries: number } | { kind: 'score' };

/** What the guard does when it suspends an account during a read. */
export type SuspensionHandler = (
  actor: Extract<Actor, { kind: 'account' }>,
  purpose: string,
  cause: SuspensionCause,
) => Promise<void>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;

/** One read waiting for its statement. */
interface ReadRequest {
  actor: Actor;
  ids: string[];
}

/** One read's answer: its records, and the people its log entry names. */
interface ReadOutcome {
  records: Row[];
  people: string[];
}

/** The door of one vault: its prepared statements and the batchers that merge concurrent reads. */
export interface Door {
  read(actor: Actor, purpose: ReadPurpose, ids: readonly string[], fields?: readonly string[]): Promise<Row[]>;
  search(
    actor: Actor,
    purpose: SearchPurpose,
    search: {
      matchedSql: string;
      params: readonly unknown[];
      checkFields: readonly string[];
      isExact(r: Row): boolean;
    },
    /** How many of the matches, in id order, come before the page returned. */
    offset: number,
  ): Promise<{ records: Row[]; breadth: number }>;
}

/**
 * The one door for reading personal data. One statement, one commit: relationship scope keeps
 * the allowed subset, the guard decides, the access log records (with what was asked outside
 * scope), and only then, once committed, are the asked fields decrypted. Records outside scope
 * are simply absent, as if they did not exist. If the statement fails (guard, log, database),
 * the read fails and nothing is decrypted. Reads of the same purpose and fields that arrive
 * while one is in flight share the next statement: one commit for all of them. An account's
 * reads and searches wait while one of its statements is in flight (src/vault/batcher.ts).
 */
export function createDoor(deps: DoorDeps): Door {
  const batchers = new Map<string, Batcher<ReadRequest, ReadOutcome>>();
  const statements = new Map<string, SearchStatements>();
  // One account's reads and searches are in one statement at a time, whatever their purposes
  // (batcher.ts): each statement locks its accounts' guard rows until its commit.
  const held = createHeldKeys();
  const accountOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : null);

  function batcherFor(purpose: ReadPurpose, fields: string[]): Batcher<ReadRequest, ReadOutcome> {
    const key = `${purpose.name}|${fields.join(',')}`;
    let batcher = batchers.get(key);
    if (!batcher) {
      const statement = readStatement(purpose, fields);
      batcher = createBatcher((requests) => runReads(purpose, fields, statement, requests), {
        keyOf: (request) => accountOf(request.actor),
        held,
      });
      batchers.set(key, batcher);
    }
    return batcher;
  }

  async function runReads(
    purpose: ReadPurpose,
    fields: string[],
    statement: DoorStatement,
    requests: readonly ReadRequest[],
  ): Promise<(ReadOutcome | Error)[]> {
    await deps.keyring.refreshIfStale(deps.db);
    const who = requests.map((request) => entryActor(request.actor, deps.addressKey));
    const pairs = requests.flatMap((request, n) => request.ids.map((id) => [n, id] as const));
    const rows = await run(deps.db, statement.sql, [
      requests.map((_, n) => n),
      requests.map((request) => subjectOf(request.actor, purpose)),
      who.map((w) => w.accountId),
      who.map((w) => w.sessionId),
      who.map((w) => w.clientAddr),
      pairs.map(([n]) => n),
      pairs.map(([, id]) => id),
      deps.clock.now(),
      purpose.name,
      recordKind(purpose),
      fields,
    ]);
    deps.onLogged?.();
    return requests.map((_, n) => {
      const own = rows.filter((row) => row.n === n);
      const refusal = verdictError(own[0]?.outcome);
      if (refusal) return refusal;
      if (own[0]?.outcome === 'suspend') return new AppError('ACCOUNT_SUSPENDED', 'guard');
      // One request's tampered envelope fails that request only, not the others of the batch.
      try {
        const records = own.filter((row) => row.id !== null).map((row) => decrypt(deps.keyring, statement, row));
        return { records, people: (own.find((row) => row.door_people)?.door_people as string[] | undefined) ?? [] };
      } catch (error) {
        return error instanceof Error ? error : new AppError('DECRYPTION_FAILED');
      }
    });
  }

  /** Hands a suspension to the guard's handler before the read fails; its failure fails it too. */
  async function suspended(actor: Actor, purpose: ReadPurpose | SearchPurpose, cause: SuspensionCause): Promise<never> {
    if (actor.kind !== 'account') throw new AppError('AUDIT_FAILED', 'a suspension without an account');
    if (!deps.onSuspend) throw new AppError('SERVICE_UNAVAILABLE', 'no guard for a suspension');
    await deps.onSuspend(actor, purpose.name, cause);
    // What the read would have returned does not leave, canary or not.
    throw new AppError('ACCOUNT_SUSPENDED', cause.kind === 'canary' ? 'canary read' : 'guard');
  }

  /**
   * A request that would reach canaries, known before it runs: the account is suspended first,
   * and only once that is done does the request run, refused by the guard (a suspended
   * account's reads are denied) and logged `deny`, so that the log never names as read the
   * people of an answer the door withheld. If the suspension fails, the request does not run
   * at all, and fails with it. Always throws.
   */
  async function stopBeforeCanaries(
    actor: Actor,
    purpose: ReadPurpose | SearchPurpose,
    canaries: number,
    request: () => Promise<unknown>,
  ): Promise<never> {
    const stopped: unknown = await suspended(actor, purpose, { kind: 'canary', canaries }).catch(
      (error: unknown) => error,
    );
    if (stopped instanceof AppError && stopped.code === 'ACCOUNT_SUSPENDED') await request().catch(() => undefined);
    throw stopped;
  }

  /**
   * A read of people by their ids knows its canaries before it runs: those among the ids asked
   * that its scope allows (a canary asked out of scope reaches nobody, and is the guard's probe
   * like any other id). So does a read of records about people whose asked ids include a record
   * planted with a canary and marked with it (its application: src/seed/canaries/plant.ts).
   * Returns when it reaches none; otherwise stops before them.
   */
  async function refuseCanaryRead(
    actor: Actor,
    purpose: ReadPurpose,
    ids: readonly string[],
    read: () => Promise<unknown>,
  ) {
    if (actor.kind !== 'account' || recordKind(purpose) !== 'person') return;
    const found = deps.canaries.find(ids);
    const canaries = Array.isArray(found) ? found : await found;
    if (canaries.length === 0) return;
    const reached = await run(deps.db, scopeStatement(purpose), [
      subjectOf(actor, purpose),
      entryActor(actor, deps.addressKey).accountId,
      canaries,
    ]);
    if (reached.length > 0) await stopBeforeCanaries(actor, purpose, reached.length, read);
  }

  /**
   * The canaries among the people a read of records about people (an application, a CV)
   * names, once its entry is committed: only the statement knows those people. Suspends the
   * account at once.
   */
  async function checkCanaries(actor: Actor, purpose: ReadPurpose | SearchPurpose, people: readonly string[]) {
    // Reads and searches of people themselves were checked before they ran.
    if (actor.kind !== 'account' || purpose.record === 'person' || recordKind(purpose) !== 'person') return;
    if (people.length === 0) return;
    // Counted at once while the marks are fresh: an ordinary read waits for nothing more.
    const counted = deps.canaries.count(people);
    const canaries = typeof counted === 'number' ? counted : await counted;
    if (canaries > 0) await suspended(actor, purpose, { kind: 'canary', canaries });
  }

  return {
    async read(actor, purpose, ids, asked) {
      checkActor(deps.registry, actor, purpose);
      const fields = pickFields(purpose, asked);
      const wanted = [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => UUID.test(id));
      if (wanted.length > purpose.pageCap) throw new AppError('BAD_REQUEST', `more than ${purpose.pageCap} ids`);
      if (wanted.length === 0) return [];
      const submit = () => batcherFor(purpose, fields).submit({ actor, ids: wanted });
      await refuseCanaryRead(actor, purpose, wanted, submit);
      let outcome: ReadOutcome;
      try {
        outcome = await submit();
      } catch (error) {
        if (error instanceof AppError && error.code === 'ACCOUNT_SUSPENDED' && error.detail === 'guard') {
          await suspended(actor, purpose, { kind: 'score' });
        }
        throw error;
      }
      await checkCanaries(actor, purpose, outcome.people);
      return outcome.records;
    },

    async search(actor, purpose, search, offset) {
      checkActor(deps.registry, actor, purpose);
      const returned = [...purpose.fields];
      const fields = [...new Set([...returned, ...search.checkFields])];
      const key = `${purpose.name}|${fields.join(',')}|${search.matchedSql}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = searchStatements(purpose, fields, search.matchedSql);
        statements.set(key, statement);
      }
      await deps.keyring.refreshIfStale(deps.db);
      const who = entryActor(actor, deps.addressKey);
      const common = [
        subjectOf(actor, purpose),
        who.accountId,
        who.sessionId,
        who.clientAddr,
        deps.clock.now(),
        purpose.name,
        recordKind(purpose),
        fields,
      ];
      // The page first: which people it holds, before anything is decided or logged.
      const [page] = await run(deps.db, statement.page, [...common, purpose.pageCap, offset, ...search.params]);
      const ids = (page?.ids as string[] | undefined) ?? [];
      const breadth = (page?.breadth as number | null | undefined) ?? 0;
      const entry = statement.entry;
      // The guard's charge: not beside a statement of the same account's (src/vault/batcher.ts).
      const decide = () =>
        held.exclusive(accountOf(actor), () =>
          run(deps.db, entry.sql, [...common, ids, breadth, page?.extent ?? null]),
        );
      if (actor.kind === 'account' && purpose.record === 'person') {
        const found = deps.canaries.find(ids);
        const canaries = Array.isArray(found) ? found : await found;
        if (canaries.length > 0) {
          await stopBeforeCanaries(actor, purpose, canaries.length, async () => {
            await decide();
            deps.onLogged?.();
          });
        }
      }
      const rows = await decide();
      deps.onLogged?.();
      const refusal = verdictError(rows[0]?.outcome);
      if (refusal) throw refusal;
      if (rows[0]?.outcome === 'suspend') await suspended(actor, purpose, { kind: 'score' });
      await checkCanaries(actor, purpose, (rows[0]?.door_people as string[] | null) ?? []);
      const records = rows
        .filter((row) => row.id !== null)
        .map((row) => decrypt(deps.keyring, entry, row))
        .filter((record) => search.isExact(record))
        .map((record) => only(record, returned));
      return { records, breadth: (rows[0]?.breadth as number | null) ?? 0 };
    },
  };
}

/** What the ids of the log entry name: the people (or accounts) the records concern. */
function recordKind(purpose: ReadPurpose | SearchPurpose): 'person' | 'account' {
  return concerns[purpose.record].record;
}

function pickFields(purpose: ReadPurpose, asked: readonly string[] | undefined): string[] {
  if (!asked) return [...purpose.fields];
  const fields = [...new Set(asked)];
  if (fields.length === 0) throw new AppError('BAD_REQUEST', 'no field asked');
  for (const field of fields) {
    if (!purpose.fields.includes(field)) throw new AppError('FIELD_NOT_ALLOWED', `${field} for ${purpose.name}`);
  }
  return fields;
}

/** The guard said no: the read returns nothing, and says why. */
function verdictError(outcome: unknown): AppError | null {
  if (outcome === 'allow' || outcome === 'suspend') return null;
  if (outcome === undefined) return new AppError('AUDIT_FAILED', 'no entry returned');
  if (outcome === 'step_up') return new AppError('STEP_UP_REQUIRED', 'guard');
  if (outcome === 'closed') return new AppError('ACCESS_CLOSED', 'kill switch');
  // 'deny': a suspended account, or a guard missing its configuration (fail closed).
  return new AppError('FORBIDDEN', `guard: ${String(outcome)}`);
}

async function run(db: Db, sql: string, params: unknown[]): Promise<Row[]> {
  try {
    return (await db.query<Row>(sql, params, { prepare: true })).rows;
  } catch (error) {
    // The guard or the log could not record the read: it does not happen (fail closed).
    throw new AppError('AUDIT_FAILED', error instanceof Error ? error.message.slice(0, 120) : 'unknown');
  }
}

function decrypt(keyring: Keyring, statement: DoorStatement, row: Row): Row {
  const id = row.id as string;
  const record: Row = { id };
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

function only(record: Row, fields: readonly string[]): Row {
  const kept: Row = { id: record.id };
  for (const field of fields) kept[field] = record[field];
  return kept;
}
