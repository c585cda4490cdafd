import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db, Tx } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { createAccessLog, purgeAccessLog, verifyAccessLog, writeCheckpoint } from './index.js';
import { appendMany, rolledBack, tempDir } from './testing.js';
import type { AccessEntryInput } from './types.js';

const key = Buffer.alloc(32, 5);
const actor = randomUUID();
const entry = (): AccessEntryInput => ({
  actorId: actor,
  sessionId: 's1',
  action: 'read',
  purpose: 'training.follow_up',
  people: [randomUUID()],
  fields: ['lastName'],
  clientAddr: '192.0.2.1',
});

// The steps of this block build on each other, in order: one database, as in production.
describe.each(engines)('access-log retention and appends on %s', (engine) => {
  let db: Db;
  let dir: string;
  const clock = fixedClock(new Date('2026-01-01T08:00:00Z'));
  const log = createAccessLog({ clock });
  const verify = (q: Db | Tx = db) => verifyAccessLog(q, { checkpointDir: dir, key, batchSize: 4 });
  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log')).rows[0]!.n;

  beforeAll(async () => {
    db = await openTestDb(engine);
    dir = tempDir();
    await appendMany(db, log, clock, 20, entry);
    await writeCheckpoint(db, { dir, key, clock });
  });
  afterAll(async () => {
    await db.close();
  });

  it('purges only the prefix older than the cut-off, and the rest verifies from the signed anchor', async () => {
    // Entries 1–10 are at 08:01–08:10; the cut-off falls between 10 and 11.
    const result = await purgeAccessLog(db, { before: new Date('2026-01-01T08:10:30Z'), key, clock });
    expect(result).toEqual({ deleted: 10, anchorSeq: 10 });
    expect(await count()).toBe(10);
    expect(await verify()).toEqual({
      ok: true,
      checked: 10,
      headSeq: 20,
      startSeq: 10,
      lastSeq: 20,
      checkpoints: 1,
      forgedCheckpoints: 0,
    });
  });

  it('purges nothing when nothing is old enough, and leaves the anchor where it was', async () => {
    expect(await purgeAccessLog(db, { before: new Date('2026-01-01T08:05:00Z'), key, clock })).toEqual({
      deleted: 0,
      anchorSeq: null,
    });
    expect(await verify()).toMatchObject({ ok: true, startSeq: 10, checked: 10 });
  });

  it('keeps chaining after a purge', async () => {
    await appendMany(db, log, clock, 3, entry);
    expect(await verify()).toMatchObject({ ok: true, startSeq: 10, checked: 13, headSeq: 23 });
  });

  it.each([
    ['moved forward', 'UPDATE access_log_anchor SET seq = 11', 11],
    ['given another hash', "UPDATE access_log_anchor SET hash = sha256('x')", 10],
    ['re-dated', "UPDATE access_log_anchor SET purged_at = purged_at - interval '1 day'", 10],
  ])('detects an anchor %s', async (_how, sql, seq) => {
    const report = await rolledBack(db, async (tx) => {
      await tx.query(sql);
      return verify(tx);
    });
    expect(report).toMatchObject({ ok: false, firstBroken: { seq, kind: 'edited' } });
    expect(report.firstBroken!.message).toContain('L’ancre de rétention');
  });

  it('detects a dropped anchor: the purged entries then read as deleted', async () => {
    const report = await rolledBack(db, async (tx) => {
      await tx.query('DELETE FROM access_log_anchor');
      return verify(tx);
    });
    expect(report.firstBroken).toMatchObject({ seq: 1, kind: 'deleted' });
    expect(report.firstBroken!.message).toContain('n° 1 à 10');
  });

  it('detects a prefix cut without the key (no new anchor)', async () => {
    const report = await rolledBack(db, async (tx) => {
      await tx.query('DELETE FROM access_log WHERE seq <= 12');
      return verify(tx);
    });
    expect(report.firstBroken).toMatchObject({ seq: 11, kind: 'deleted' });
  });

  it('chains concurrent appends in commit order, without gaps or duplicates', async () => {
    const seqs = await Promise.all(
      Array.from({ length: 12 }, () => db.transaction(async (tx) => (await log.append(tx, entry())).seq)),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 24 + i));
    expect(await verify()).toMatchObject({ ok: true, headSeq: 35, checked: 25 });
  });

  it('rolls back an entry with the transaction that then fails on a constraint', async () => {
    await expect(
      db.transaction(async (tx) => {
        await log.append(tx, entry());
        await tx.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'inconnu', 'x')", [randomUUID()]);
      }),
    ).rejects.toThrow(/organisations_kind_check|check constraint/);
    expect(await verify()).toMatchObject({ ok: true, headSeq: 35 });
  });

  it('fails the transaction when an entry cannot be logged faithfully', async () => {
    const organisation = randomUUID();
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'platform', 'x')", [organisation]);
        await log.append(tx, { ...entry(), people: ['pas-un-uuid'] });
      }),
    ).rejects.toThrow('UUID');
    const { rows } = await db.query('SELECT 1 FROM organisations WHERE id = $1', [organisation]);
    expect(rows).toEqual([]);
    expect(await verify()).toMatchObject({ ok: true, headSeq: 35 });
  });

  it('purges everything old, leaving an empty chain that verifies and grows from its anchor', async () => {
    clock.advance(60_000);
    expect(await purgeAccessLog(db, { before: clock.now(), key, clock })).toEqual({ deleted: 25, anchorSeq: 35 });
    expect(await verify()).toMatchObject({ ok: true, checked: 0, startSeq: 35, headSeq: 35 });
    await appendMany(db, log, clock, 2, entry);
    expect(await verify()).toMatchObject({ ok: true, checked: 2, startSeq: 35, headSeq: 37 });
  });
});
