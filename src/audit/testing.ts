import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db, Queryable, Tx } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { createAccessLog } from './entries.js';
import { createSealer } from './sealer.js';
import type { AccessEntryInput } from './types.js';

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

export const testKeys = { chainKey: Buffer.alloc(32, 3), checkpointKey: Buffer.alloc(32, 4) };

/** An access log and its sealer on `db`, with the test keys. */
export function logAndSealer(db: Db, clock: Clock) {
  const sealer = createSealer({ db, chainKey: testKeys.chainKey, clock });
  return { log: createAccessLog({ clock }), sealer };
}

/** Appends `count` entries, one minute apart, each on its own. */
export async function appendMany(
  db: Db,
  clock: Clock & { advance(ms: number): void },
  count: number,
  entryFor: (i: number) => AccessEntryInput,
): Promise<void> {
  const log = createAccessLog({ clock });
  for (let i = 0; i < count; i++) {
    clock.advance(60_000);
    await log.append(db, entryFor(i));
  }
}

/** Runs `work` with the access log's triggers off, as someone who owns the database would. */
export async function withoutTriggers<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  for (const table of ['access_log', 'access_log_seals', 'access_log_checkpoints', 'access_log_anchor']) {
    await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  }
  return work();
}

/**
 * Seals until nothing is left unsealed: a number rolled back elsewhere becomes final only once
 * every older transaction on the server has ended, which other test files may delay.
 */
export async function sealUntilDone(
  sealer: { sealNow(): Promise<number> },
  db: Queryable,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sealer.sealNow();
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM access_log
       WHERE seq > COALESCE((SELECT max(to_seq) FROM access_log_seals), (SELECT to_seq FROM access_log_anchor), 0)`,
    );
    if (rows[0]!.n === 0) return;
    if (Date.now() > deadline) throw new Error('entrées toujours non scellées');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
