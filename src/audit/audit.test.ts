import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { createAccessLog, purgeAccessLog, readsByActor, verifyAccessLog, writeCheckpoint } from './index.js';

const key = Buffer.alloc(32, 3);
const alice = randomUUID();
const bob = randomUUID();
const people = [randomUUID(), randomUUID(), randomUUID()];

describe.each(engines)('access log on %s', (engine) => {
  let db: Db;
  let dir: string;
  const clock = fixedClock(new Date('2026-01-01T08:00:00Z'));
  const log = createAccessLog({ clock });

  async function fill(count: number) {
    for (let i = 0; i < count; i++) {
      clock.advance(60_000);
      await db.transaction((tx) =>
        log.append(tx, {
          actorId: i % 2 ? alice : bob,
          sessionId: `s${i % 3}`,
          action: 'read',
          purpose: 'training.follow_up',
          people: [people[i % 3]!],
          fields: i % 2 ? ['lastName', 'email'] : ['phone'],
          clientAddr: '192.0.2.1',
        }),
      );
    }
  }
  const verify = () => verifyAccessLog(db, { checkpointDir: dir, key, batchSize: 7 });
  const checkpoint = () => writeCheckpoint(db, { dir, key, clock });

  beforeEach(async () => {
    clock.set(new Date('2026-01-01T08:00:00Z'));
    db = await openTestDb(engine);
    dir = mkdtempSync(path.join(os.tmpdir(), 'rempart-audit-'));
    await fill(20);
    await checkpoint();
  });
  afterEach(async () => {
    await db.close();
  });

  it('builds a chain that verifies, in several batches', async () => {
    expect(await verify()).toMatchObject({ ok: true, checked: 20, lastSeq: 20, checkpoints: 1, forgedCheckpoints: 0 });
  });

  it('names an edited entry', async () => {
    await db.query("UPDATE access_log SET fields = '{lastName}' WHERE seq = 12");
    expect((await verify()).firstBroken).toMatchObject({ seq: 12, kind: 'edited' });
  });

  it('names a deleted entry', async () => {
    await db.query('DELETE FROM access_log WHERE seq = 9');
    expect((await verify()).firstBroken).toMatchObject({ seq: 9, kind: 'deleted' });
  });

  it('names reordered entries', async () => {
    await db.query('UPDATE access_log SET seq = -seq WHERE seq IN (5, 6)');
    await db.query('UPDATE access_log SET seq = CASE seq WHEN -5 THEN 6 ELSE 5 END WHERE seq IN (-5, -6)');
    expect((await verify()).firstBroken).toMatchObject({ seq: 5, kind: 'reordered' });
  });

  it('names a truncated tail, even when the head row is rewound, thanks to the signed checkpoint', async () => {
    await db.query('DELETE FROM access_log WHERE seq > 15');
    const { rows } = await db.query<{ hash: Uint8Array }>('SELECT hash FROM access_log WHERE seq = 15');
    await db.query('UPDATE access_log_head SET seq = 15, hash = $1', [rows[0]!.hash]);
    expect((await verify()).firstBroken).toMatchObject({ seq: 16, kind: 'truncated' });
  });

  it('catches a chain rewritten with recomputed hashes at the signed checkpoint', async () => {
    const { entryHash } = await import('./entry-hash.js');
    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM access_log WHERE seq = 20');
    const row = rows[0]!;
    const forged = entryHash({
      seq: 20,
      at: row.at as Date,
      actorId: row.actor_id as string,
      sessionId: row.session_id as string,
      action: row.action as string,
      purpose: row.purpose as string,
      people: [],
      fields: [],
      clientAddr: row.client_addr as string,
      prevHash: Buffer.from(row.prev_hash as Uint8Array),
    });
    await db.query("UPDATE access_log SET people = '{}', fields = '{}', hash = $1 WHERE seq = 20", [forged]);
    await db.query('UPDATE access_log_head SET hash = $1', [forged]);
    expect((await verify()).firstBroken).toMatchObject({ seq: 20, kind: 'edited' });
  });

  it('ignores and reports a checkpoint whose signature does not hold', async () => {
    const file = path.join(dir, readdirSync(dir)[0]!);
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ ...line, seq: 99 })}\n`, { flag: 'a' });
    const report = await verify();
    expect(report).toMatchObject({ ok: true, checkpoints: 1, forgedCheckpoints: 1 });
  });

  it('purges a prefix and keeps the rest verifiable; a tampered anchor is caught', async () => {
    const cutoff = new Date('2026-01-01T08:10:30Z');
    const result = await purgeAccessLog(db, { before: cutoff, key, clock });
    expect(result).toEqual({ deleted: 10, anchorSeq: 10 });
    expect(await verify()).toMatchObject({ ok: true, checked: 10, lastSeq: 20 });
    await fill(3);
    expect(await verify()).toMatchObject({ ok: true, checked: 13 });
    await db.query('UPDATE access_log_anchor SET seq = 11');
    expect((await verify()).ok).toBe(false);
  });

  it('answers “what did account X read between T1 and T2” with exact people and fields', async () => {
    const reads = await readsByActor(db, alice, new Date('2026-01-01T08:00:00Z'), new Date('2026-01-01T08:06:30Z'));
    expect(reads.map((read) => [read.seq, read.personId, read.fields])).toEqual([
      [2, people[1], ['lastName', 'email']],
      [4, people[0], ['lastName', 'email']],
      [6, people[2], ['lastName', 'email']],
    ]);
    expect(await readsByActor(db, randomUUID(), new Date(0), new Date())).toEqual([]);
  });

  it('rolls back the entry with the transaction that failed', async () => {
    await expect(
      db.transaction(async (tx) => {
        await log.append(tx, {
          actorId: alice,
          sessionId: null,
          action: 'read',
          purpose: 'x',
          people: [],
          fields: [],
          clientAddr: null,
        });
        throw new Error('la lecture échoue après l’écriture du journal');
      }),
    ).rejects.toThrow();
    expect(await verify()).toMatchObject({ ok: true, lastSeq: 20 });
  });

  it('plans the actor query on its (actor, time) index', async () => {
    // Many actors over a long period, as in production; the rows need not chain for EXPLAIN.
    await db.query(
      `INSERT INTO access_log (seq, at, actor_id, action, purpose, people, fields, prev_hash, hash)
       SELECT 100 + i, timestamptz '2025-01-01' + i * interval '1 minute', md5((i % 500)::text)::uuid, 'read',
              'x', '{}', '{}', '\\x00', '\\x00'
       FROM generate_series(1, 20000) AS i`,
    );
    await db.query('ANALYZE access_log');
    const { rows } = await db.query<Record<string, string>>(
      `EXPLAIN SELECT seq FROM access_log WHERE actor_id = '${alice}'
         AND at >= '2025-01-01' AND at < '2025-12-31'`,
    );
    expect(rows.map((row) => Object.values(row)[0]).join('\n')).toContain('access_log_actor_at');
  });
});
