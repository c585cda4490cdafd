import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db, Queryable, Tx } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { ChainedEntry } from './entry-hash.js';
import type { AccessEntryInput, AccessLog } from './types.js';

// Helpers shared by the access-log tests (not used by the application).

const ROLLBACK = Symbol('rollback');

/** Runs `work` in a transaction that is always rolled back, and returns what it returned. */
export async function rolledBack<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db
    .transaction(async (tx) => {
      result = await work(tx);
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return result as T;
}

/** A fresh private directory for checkpoint files. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rempart-audit-'));
}

/** Appends `count` entries, one minute apart, each in its own transaction. */
export async function appendMany(
  db: Db,
  log: AccessLog,
  clock: Clock & { advance(ms: number): void },
  count: number,
  entryFor: (i: number) => AccessEntryInput,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    clock.advance(60_000);
    await db.transaction((tx) => log.append(tx, entryFor(i)));
  }
}

/** The entry stored at `seq`, as the hash function takes it, with its stored hash. */
export async function storedEntry(q: Queryable, seq: number): Promise<ChainedEntry & { hash: Buffer }> {
  const { rows } = await q.query<Record<string, unknown>>('SELECT * FROM access_log WHERE seq = $1', [seq]);
  const row = rows[0]!;
  return {
    seq: row.seq as number,
    at: row.at as Date,
    actorId: row.actor_id as string | null,
    sessionId: row.session_id as string | null,
    action: row.action as string,
    purpose: row.purpose as string,
    people: row.people as string[],
    fields: row.fields as string[],
    clientAddr: row.client_addr as string | null,
    prevHash: Buffer.from(row.prev_hash as Uint8Array),
    hash: Buffer.from(row.hash as Uint8Array),
  };
}
