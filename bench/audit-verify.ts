import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { entryHash, GENESIS_HASH, verifyAccessLog } from '../src/audit/index.js';
import type { Db } from '../src/db/client.js';
import { median } from './stats.js';

const CHUNK = 2000;

/**
 * Fills the log with a valid chain of `entries` entries, written in chunks directly (the chain
 * is computed here with the same hash function), then times `verifyAccessLog`, three runs.
 */
export async function benchAuditVerify(options: { db: Db; entries: number; runs?: number }) {
  const { db, entries } = options;
  const actors = Array.from({ length: 50 }, () => randomUUID());
  const people = Array.from({ length: 1000 }, () => randomUUID());
  let prev: Buffer = GENESIS_HASH;
  const start = Date.UTC(2026, 0, 1);
  for (let first = 1; first <= entries; first += CHUNK) {
    const rows = [];
    for (let seq = first; seq < Math.min(first + CHUNK, entries + 1); seq++) {
      const entry = {
        seq,
        at: new Date(start + seq * 1000),
        actorId: actors[seq % actors.length]!,
        sessionId: `s${seq % 97}`,
        action: 'read',
        purpose: 'training.follow_up',
        people: [people[seq % people.length]!],
        fields: ['lastName', 'firstName', 'email'],
        clientAddr: '192.0.2.1',
        prevHash: prev,
      };
      const hash = entryHash(entry);
      rows.push({ ...entry, hash });
      prev = hash;
    }
    await db.query(
      `INSERT INTO access_log (seq, at, actor_id, session_id, action, purpose, people, fields, client_addr, prev_hash, hash)
       SELECT seq, at, actor, session, action, purpose, ARRAY[person], ARRAY['lastName', 'firstName', 'email'], addr, prev, hash
       FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[],
         $9::bytea[], $10::bytea[]) AS t(seq, at, actor, session, action, purpose, person, addr, prev, hash)`,
      [
        rows.map((r) => r.seq),
        rows.map((r) => r.at),
        rows.map((r) => r.actorId),
        rows.map((r) => r.sessionId),
        rows.map((r) => r.action),
        rows.map((r) => r.purpose),
        rows.map((r) => r.people[0]),
        rows.map((r) => r.clientAddr),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
      ],
    );
  }
  await db.query('UPDATE access_log_head SET seq = $1, hash = $2', [entries, prev]);
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
    return { entriesPerSecond: median(rates), runs: rates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
