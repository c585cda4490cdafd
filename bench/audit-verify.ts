import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { entryHash, GENESIS_HASH, verifyAccessLog, type ChainedEntry } from '../src/audit/index.js';
import type { Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { fmt, median } from './stats.js';

const CHUNK = 2000;
const FIELDS = ['lastName', 'firstName', 'email'];

const INSERT_CHUNK = `INSERT INTO access_log (seq, at, actor_id, session_id, action, purpose, people, fields, client_addr,
    prev_hash, hash)
  SELECT seq, at, actor, session, action, purpose, ARRAY[person], $11::text[], addr, prev, hash
  FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[],
    $8::text[], $9::bytea[], $10::bytea[]) AS t(seq, at, actor, session, action, purpose, person, addr, prev, hash)`;

/**
 * Writes a valid chain of `entries` entries straight into access_log, a chunk per statement,
 * hashed with the same function as the append (the lock and one transaction per entry would
 * time the append, not the verifier), then moves the head onto it.
 */
async function fillChain(db: Db, entries: number): Promise<void> {
  const actors = Array.from({ length: 50 }, () => randomUUID());
  const people = Array.from({ length: 1000 }, () => randomUUID());
  const start = Date.UTC(2026, 0, 1);
  let prev: Buffer = GENESIS_HASH;
  for (let first = 1; first <= entries; first += CHUNK) {
    const chunk: (ChainedEntry & { hash: Buffer })[] = [];
    for (let seq = first; seq <= Math.min(first + CHUNK - 1, entries); seq++) {
      const entry: ChainedEntry = {
        seq,
        at: new Date(start + seq * 1000),
        actorId: actors[seq % actors.length]!,
        sessionId: `s${seq % 97}`,
        action: 'read',
        purpose: 'training.follow_up',
        people: [people[seq % people.length]!],
        fields: FIELDS,
        clientAddr: '192.0.2.1',
        prevHash: prev,
      };
      prev = entryHash(entry);
      chunk.push({ ...entry, hash: prev });
    }
    const column = <K extends keyof (ChainedEntry & { hash: Buffer })>(name: K) => chunk.map((entry) => entry[name]);
    await db.query(INSERT_CHUNK, [
      ...[column('seq'), column('at'), column('actorId'), column('sessionId'), column('action')],
      ...[column('purpose'), chunk.map((entry) => entry.people[0]), column('clientAddr')],
      ...[column('prevHash'), column('hash'), FIELDS],
    ]);
  }
  await db.query('UPDATE access_log_head SET seq = $1, hash = $2', [entries, prev]);
}

/**
 * Fills the log with `entries` chained entries, then times `verifyAccessLog` over them (`runs`
 * times, 3 by default) and returns the median throughput. `db` must hold an empty, migrated log.
 */
export async function benchAuditVerify(options: {
  db: Db;
  entries: number;
  runs?: number;
}): Promise<{ entriesPerSecond: number; runs: number[]; fillSeconds: number }> {
  const { db, entries } = options;
  const filling = process.hrtime.bigint();
  await fillChain(db, entries);
  const fillSeconds = Number(process.hrtime.bigint() - filling) / 1e9;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rempart-bench-audit-'));
  try {
    const rates: number[] = [];
    for (let run = 0; run < (options.runs ?? 3); run++) {
      const started = process.hrtime.bigint();
      const report = await verifyAccessLog(db, { checkpointDir: dir, key: Buffer.alloc(32, 1) });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (!report.ok || report.checked !== entries) throw new Error('la chaîne du banc devrait être intègre');
      rates.push(entries / seconds);
    }
    return { entriesPerSecond: median(rates), runs: rates, fillSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npx tsx bench/audit-verify.ts`: in-memory PGlite, BENCH_AUDIT_ENTRIES entries (200 000). */
async function main(): Promise<void> {
  const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
  if (!Number.isInteger(entries) || entries < 1) throw new Error('BENCH_AUDIT_ENTRIES doit être un entier positif.');
  const db = await openPglite();
  try {
    await migrate(db);
    const result = await benchAuditVerify({ db, entries });
    console.log(`Vérification du journal — PGlite en mémoire, ${fmt(entries)} entrées`);
    console.log(`  remplissage : ${fmt(result.fillSeconds, 1)} s`);
    console.log(`  essais      : ${result.runs.map((rate) => fmt(rate)).join(' ; ')} entrées/s`);
    console.log(`  médiane     : ${fmt(result.entriesPerSecond)} entrées/s`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
