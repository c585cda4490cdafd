import { randomUUID } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db, Tx } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { createAccessLog, entryHash, GENESIS_HASH, verifyAccessLog, writeCheckpoint } from './index.js';
import { appendMany, rolledBack, storedEntry, tempDir } from './testing.js';

const key = Buffer.alloc(32, 3);
const actors = [randomUUID(), randomUUID()];
const people = [randomUUID(), randomUUID(), randomUUID()];

describe.each(engines)('hash-chained access log on %s', (engine) => {
  let db: Db;
  let dir: string;
  const clock = fixedClock(new Date('2026-01-01T08:00:00Z'));
  const log = createAccessLog({ clock });

  const verify = (q: Db | Tx = db, checkpointDir = dir) => verifyAccessLog(q, { checkpointDir, key, batchSize: 7 });
  /** Tampers inside a transaction, verifies there, then rolls back: the next test starts clean. */
  const verifyAfter = (tamper: (tx: Tx) => Promise<unknown>, checkpointDir = dir) =>
    rolledBack(db, async (tx) => {
      await tamper(tx);
      return verify(tx, checkpointDir);
    });
  const row = (tx: Tx, seq: number) => storedEntry(tx, seq);

  beforeAll(async () => {
    db = await openTestDb(engine);
    dir = tempDir();
    await appendMany(db, log, clock, 20, (i) => ({
      actorId: actors[i % 2]!,
      sessionId: `s${i % 3}`,
      action: 'read',
      purpose: 'training.follow_up',
      people: [people[i % 3]!],
      fields: i % 2 ? ['lastName', 'email'] : ['phone'],
      clientAddr: '192.0.2.1',
    }));
    expect(await writeCheckpoint(db, { dir, key, clock })).toMatchObject({ seq: 20 });
  });
  afterAll(async () => {
    await db.close();
  });
  afterEach(async () => {
    // Every tampering was rolled back: the committed chain still verifies.
    expect(await verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('builds a linked chain that verifies in batches, with progress', async () => {
    const progress: number[][] = [];
    const report = await verifyAccessLog(db, {
      checkpointDir: dir,
      key,
      batchSize: 7,
      onProgress: (...p) => progress.push(p),
    });
    expect(report).toEqual({
      ok: true,
      checked: 20,
      headSeq: 20,
      startSeq: 0,
      lastSeq: 20,
      checkpoints: 1,
      forgedCheckpoints: 0,
    });
    expect(progress).toEqual([
      [7, 20],
      [14, 20],
      [20, 20],
    ]);
    let prev: Buffer = GENESIS_HASH;
    for (let seq = 1; seq <= 20; seq++) {
      const { hash, ...entry } = await storedEntry(db, seq);
      expect(entry.prevHash).toEqual(prev);
      expect(hash).toEqual(entryHash(entry));
      prev = hash;
    }
  });

  it.each([
    ['fields', "SET fields = '{lastName}'"],
    ['people', "SET people = '{}'"],
    ['time', "SET at = at + interval '1 millisecond'"],
    ['time, below the millisecond', "SET at = at + interval '1 microsecond'"],
    ['actor', 'SET actor_id = NULL'],
    ['purpose', "SET purpose = 'seed'"],
    ['client address', "SET client_addr = '198.51.100.7'"],
    ['previous hash', "SET prev_hash = '\\x01'"],
    ['hash', "SET hash = sha256('x')"],
  ])('names an entry whose %s was edited', async (_name, set) => {
    const report = await verifyAfter((tx) => tx.query(`UPDATE access_log ${set} WHERE seq = 12`));
    expect(report).toMatchObject({ ok: false, checked: 11, firstBroken: { seq: 12, kind: 'edited' } });
    expect(report.firstBroken!.message).toBe(
      'L’entrée n° 12 a été modifiée : son empreinte ne correspond plus à son contenu.',
    );
  });

  it('names an entry rewritten with a recomputed hash, from the next one that no longer links', async () => {
    const report = await verifyAfter(async (tx) => {
      const forged = { ...(await row(tx, 12)), fields: [] };
      await tx.query("UPDATE access_log SET fields = '{}', hash = $1 WHERE seq = 12", [entryHash(forged)]);
    });
    expect(report.firstBroken).toMatchObject({ seq: 12, kind: 'edited' });
    expect(report.firstBroken!.message).toContain('empreinte recalculée');
  });

  it('names a deleted entry, and a deleted run', async () => {
    expect(await verifyAfter((tx) => tx.query('DELETE FROM access_log WHERE seq = 9'))).toMatchObject({
      checked: 8,
      firstBroken: { seq: 9, kind: 'deleted', message: 'L’entrée n° 9 a été supprimée : la séquence saute ce numéro.' },
    });
    const run = await verifyAfter((tx) => tx.query('DELETE FROM access_log WHERE seq BETWEEN 9 AND 11'));
    expect(run.firstBroken).toMatchObject({ seq: 9, kind: 'deleted' });
    expect(run.firstBroken!.message).toContain('n° 9 à 11');
  });

  it('names deleted entries when the rest was renumbered to hide the gap', async () => {
    const report = await verifyAfter(async (tx) => {
      await tx.query('DELETE FROM access_log WHERE seq = 9');
      await tx.query('UPDATE access_log SET seq = -(seq - 1) WHERE seq > 9');
      await tx.query('UPDATE access_log SET seq = -seq WHERE seq < 0');
    });
    expect(report.firstBroken).toMatchObject({ seq: 9, kind: 'deleted' });
  });

  it.each([
    [5, 6, 'inside a batch'],
    [7, 8, 'across two batches'],
  ])('names reordered entries (%i and %i swapped, %s)', async (a, b) => {
    const report = await verifyAfter(async (tx) => {
      await tx.query('UPDATE access_log SET seq = -seq WHERE seq IN ($1, $2)', [a, b]);
      await tx.query('UPDATE access_log SET seq = CASE seq WHEN $1 THEN $2::bigint ELSE $3::bigint END WHERE seq < 0', [
        -a,
        b,
        a,
      ]);
    });
    expect(report.firstBroken).toMatchObject({ seq: a, kind: 'reordered' });
  });

  it('names an entry inserted in the middle with a valid hash, the rest pushed down', async () => {
    const report = await verifyAfter(async (tx) => {
      const before = await row(tx, 9);
      await tx.query('UPDATE access_log SET seq = -(seq + 1) WHERE seq >= 10');
      await tx.query('UPDATE access_log SET seq = -seq WHERE seq < 0');
      const forged = { ...before, seq: 10, prevHash: before.hash, people: [], fields: [] };
      await tx.query(
        `INSERT INTO access_log (seq, at, actor_id, session_id, action, purpose, people, fields, client_addr, prev_hash, hash)
         SELECT 10, at, actor_id, session_id, action, purpose, '{}', '{}', client_addr, hash, $1 FROM access_log WHERE seq = 9`,
        [entryHash(forged)],
      );
    });
    expect(report.firstBroken).toMatchObject({ seq: 10, kind: 'inserted' });
  });

  it('names an entry added past the head without the lock', async () => {
    const report = await verifyAfter(async (tx) => {
      const last = await row(tx, 20);
      const entry = { ...last, seq: 21, prevHash: last.hash };
      await tx.query(
        `INSERT INTO access_log (seq, at, actor_id, session_id, action, purpose, people, fields, client_addr, prev_hash, hash)
         SELECT 21, at, actor_id, session_id, action, purpose, people, fields, client_addr, hash, $1 FROM access_log WHERE seq = 20`,
        [entryHash(entry)],
      );
    });
    expect(report.firstBroken).toMatchObject({ seq: 21, kind: 'inserted' });
  });

  /** Cuts the tail after 15 and rewinds the head onto entry 15, as a careful attacker would. */
  const truncate = async (tx: Tx) => {
    await tx.query('DELETE FROM access_log WHERE seq > 15');
    await tx.query('UPDATE access_log_head SET seq = 15, hash = (SELECT hash FROM access_log WHERE seq = 15)');
  };

  it('names a truncated tail with a rewound head, thanks to the signed checkpoint (and only thanks to it)', async () => {
    const report = await verifyAfter(truncate);
    expect(report).toMatchObject({ ok: false, checked: 15, firstBroken: { seq: 16, kind: 'truncated' } });
    expect(report.firstBroken!.message).toContain('point de contrôle signé atteste l’entrée n° 20');
    // Without the checkpoint file, the same cut is invisible: that is why checkpoints live outside.
    expect(await verifyAfter(truncate, tempDir())).toMatchObject({ ok: true, checked: 15 });
  });

  it('names a truncated tail from the head alone when the head was not rewound', async () => {
    const report = await verifyAfter((tx) => tx.query('DELETE FROM access_log WHERE seq > 15'), tempDir());
    expect(report.firstBroken).toMatchObject({ seq: 16, kind: 'truncated' });
  });

  it('catches a tail rewritten with recomputed hashes and head at the signed checkpoint', async () => {
    const report = await verifyAfter(async (tx) => {
      const forged = entryHash({ ...(await row(tx, 20)), people: [], fields: [] });
      await tx.query("UPDATE access_log SET people = '{}', fields = '{}', hash = $1 WHERE seq = 20", [forged]);
      await tx.query('UPDATE access_log_head SET hash = $1', [forged]);
    });
    expect(report.firstBroken).toMatchObject({ seq: 20, kind: 'edited' });
    expect(report.firstBroken!.message).toContain('point de contrôle signé');
  });

  it('rejects and reports checkpoint lines whose signature does not hold', async () => {
    const forgedDir = tempDir();
    cpSync(dir, forgedDir, { recursive: true });
    const file = path.join(forgedDir, readdirSync(forgedDir)[0]!);
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as Record<string, unknown>;
    const lines = [
      { ...line, seq: 99 },
      { ...line, hash: '00'.repeat(32) },
      { ...line, mac: '00' },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\npas du JSON\n`, { flag: 'a' });
    // Trusted, the first line would claim a truncation and the second an edit at seq 20.
    expect(await verify(db, forgedDir)).toMatchObject({ ok: true, checkpoints: 1, forgedCheckpoints: 4 });
  });

  it('keeps checkpoints private and skips one when the head has not moved', async () => {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, readdirSync(dir)[0]!)).mode & 0o777).toBe(0o600);
    expect(await writeCheckpoint(db, { dir, key, clock })).toBeNull();
  });
});
