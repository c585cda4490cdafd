import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSealer, verifyAccessLog, writeCheckpoint } from '../src/audit/index.js';
import type { Db } from '../src/db/client.js';
import { openDatabase } from '../src/db/open.js';
import { systemClock } from '../src/kernel/clock.js';
import { systemRandom } from '../src/kernel/random.js';
import { fmt, median } from './stats.js';

const keys = { chainKey: Buffer.alloc(32, 1), checkpointKey: Buffer.alloc(32, 2) };

/** Writes `entries` entries straight into access_log, in bulk (timing the append is bench b's job). */
async function fillLog(db: Db, entries: number): Promise<void> {
  await db.query(
    `INSERT INTO access_log (at, actor_id, session_id, action, purpose, people, fields, client_addr)
     SELECT timestamptz '2026-01-01' + i * interval '1 second', md5((i % 50)::text)::uuid, 's' || (i % 97), 'read',
       'training.follow_up', ARRAY[md5((i % 1000)::text)::uuid], '{lastName,firstName,email}', '192.0.2.1'
     FROM generate_series(1, $1::int) AS i ORDER BY i`,
    [entries],
  );
}

/**
 * Fills the log with `entries` entries, seals them with the sealer (timed: its throughput bounds
 * how fast the chain can follow the reads), signs a checkpoint, then times `verifyAccessLog`
 * over the whole log (`runs` times) and returns the medians. `db` must hold an empty log.
 */
export async function benchAuditVerify(options: {
  db: Db;
  entries: number;
  runs?: number;
}): Promise<{ entriesPerSecond: number; sealedPerSecond: number; runs: number[] }> {
  const { db, entries } = options;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rempart-bench-audit-'));
  try {
    const checkpoint = () =>
      writeCheckpoint({ db, dir, clock: systemClock, random: systemRandom, mayStartFresh: true, ...keys });
    await checkpoint();
    await fillLog(db, entries);
    const sealing = process.hrtime.bigint();
    const sealed = await createSealer({ db, chainKey: keys.chainKey, clock: systemClock }).sealNow();
    const sealedPerSecond = sealed / (Number(process.hrtime.bigint() - sealing) / 1e9);
    await checkpoint();
    const rates: number[] = [];
    for (let run = 0; run < (options.runs ?? 3); run++) {
      const started = process.hrtime.bigint();
      const report = await verifyAccessLog(db, { checkpointDir: dir, ...keys, now: new Date() });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!report.ok || report.checked !== entries) throw new Error('le journal du banc devrait être intègre');
      rates.push(entries / seconds);
    }
    return { entriesPerSecond: median(rates), sealedPerSecond, runs: rates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npx tsx bench/audit-verify.ts`: in-memory PGlite, BENCH_AUDIT_ENTRIES entries (200 000). */
async function main(): Promise<void> {
  const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
  if (!Number.isInteger(entries) || entries < 1) throw new Error('BENCH_AUDIT_ENTRIES doit être un entier positif.');
  const { db } = await openDatabase({});
  try {
    const result = await benchAuditVerify({ db, entries });
    console.log(`Journal des accès — PGlite en mémoire, ${fmt(entries)} entrées`);
    console.log(`  scellement  : ${fmt(result.sealedPerSecond)} entrées/s`);
    console.log(`  essais      : ${result.runs.map((rate) => fmt(rate)).join(' ; ')} entrées/s`);
    console.log(`  médiane     : ${fmt(result.entriesPerSecond)} entrées/s`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
