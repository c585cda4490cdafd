import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, ownerOf } from '../../test/support/databases.js';
import type { Db, Tx } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { purgeAccessLog, verifyAccessLog, writeCheckpoint } from './index.js';
import { appendMany, logAndSealer, rolledBack, sealUntilDone, tempDir, testKeys, withoutTriggers } from './testing.js';
import type { AccessEntryInput } from './types.js';

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
describe.each(engines)('access-log retention on %s', (engine) => {
  let db: Db;
  let owner: Db;
  let dir: string;
  const clock = fixedClock(new Date('2026-01-01T08:00:00Z'));
  let seal: () => Promise<number>;
  const verify = (q: Db | Tx = db) => verifyAccessLog(q, { checkpointDir: dir, ...testKeys, now: clock.now() });
  const checkpoint = () => writeCheckpoint({ db, dir, clock, random: systemRandom, mayStartFresh: true, ...testKeys });
  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log')).rows[0]!.n;
  /** Ten entries a minute apart, each sealed on its own (a seal at each minute). */
  const appendAndSeal = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await appendMany(db, clock, 1, entry);
      await seal();
    }
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    owner = await ownerOf(db);
    dir = tempDir();
    seal = logAndSealer(db, clock).sealer.sealNow;
    await checkpoint();
    await appendAndSeal(20);
    await checkpoint();
  });
  afterAll(async () => {
    await owner.close();
    await db.close();
  });

  it('purges only the seals made before the cut-off, and the rest verifies from the signed anchor', async () => {
    // Entries and their seals 1–10 are at 08:01–08:10; the cut-off falls between 10 and 11.
    const result = await purgeAccessLog(db, {
      before: new Date('2026-01-01T08:10:30Z'),
      checkpointKey: testKeys.checkpointKey,
      clock,
    });
    expect(result).toEqual({ deleted: 10, anchorSeq: 10 });
    expect(await count()).toBe(10);
    expect(await verify()).toMatchObject({ ok: true, checked: 10, startSeq: 10, headSeq: 20, seals: 10 });
  });

  it('purges nothing when nothing is old enough, and leaves the anchor where it was', async () => {
    const before = new Date('2026-01-01T08:05:00Z');
    expect(await purgeAccessLog(db, { before, checkpointKey: testKeys.checkpointKey, clock })).toEqual({
      deleted: 0,
      anchorSeq: null,
    });
    expect(await verify()).toMatchObject({ ok: true, startSeq: 10, checked: 10 });
  });

  it('keeps sealing and checkpointing after a purge', async () => {
    await appendAndSeal(3);
    expect(await checkpoint()).toMatchObject({ status: 'written' });
    expect(await verify()).toMatchObject({ ok: true, startSeq: 10, checked: 13, headSeq: 23 });
  });

  it.each([
    ['moved forward', 'UPDATE access_log_anchor SET seal_n = 11, to_seq = 11'],
    ['given another MAC', "UPDATE access_log_anchor SET seal_mac = sha256('x')"],
    ['re-dated', "UPDATE access_log_anchor SET purged_at = purged_at - interval '1 day'"],
  ])('detects an anchor %s', async (_how, sql) => {
    const report = await rolledBack(owner, async (tx) => {
      await tx.query(sql);
      return verify(tx);
    });
    expect(report).toMatchObject({ ok: false, firstBroken: { kind: 'edited' } });
    expect(report.firstBroken!.message).toContain('L’ancre de rétention');
  });

  it('detects a dropped anchor: the purged seals then read as deleted', async () => {
    const report = await rolledBack(owner, async (tx) => {
      await tx.query('DELETE FROM access_log_anchor');
      return verify(tx);
    });
    expect(report.firstBroken).toMatchObject({ seq: 1, kind: 'deleted' });
    expect(report.firstBroken!.message).toContain('Les sceaux n° 1 à 10 ont été supprimés');
  });

  it('detects a prefix cut without the key (no new anchor)', async () => {
    const report = await rolledBack(owner, (tx) =>
      withoutTriggers(tx, async () => {
        await tx.query('DELETE FROM access_log WHERE seq <= 12');
        await tx.query('DELETE FROM access_log_seals WHERE n <= 12');
        return verify(tx);
      }),
    );
    expect(report.firstBroken).toMatchObject({ seq: 11, kind: 'deleted' });
  });

  it('refuses a delete outside the purge, even by the schema’s owner, unless the triggers are off', async () => {
    await expect(rolledBack(owner, (tx) => tx.query('DELETE FROM access_log WHERE seq = 20'))).rejects.toThrow(
      /ajout seul/,
    );
  });

  it('lets many appends run at once, and seals them all in number order', async () => {
    const log = logAndSealer(db, clock).log;
    const seqs = await Promise.all(Array.from({ length: 12 }, () => log.append(db, entry()).then((r) => r.seq)));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => 24 + i));
    expect(await seal()).toBe(12);
    expect(await checkpoint()).toMatchObject({ status: 'written' });
    expect(await verify()).toMatchObject({ ok: true, headSeq: 35, checked: 25 });
  });

  it('rolls back an entry with the transaction that then fails; the sealer passes over its number', async () => {
    const log = logAndSealer(db, clock).log;
    await expect(
      db.transaction(async (tx) => {
        await log.append(tx, entry());
        await tx.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'inconnu', 'x')", [randomUUID()]);
      }),
    ).rejects.toThrow(/organisations_kind_check|check constraint/);
    await log.append(db, entry());
    expect(await seal()).toBe(0);
    await sealUntilDone({ sealNow: seal }, db);
    await checkpoint();
    expect(await verify()).toMatchObject({ ok: true, headSeq: 37, checked: 26 });
  });

  it('fails the transaction when an entry cannot be stored as given', async () => {
    const organisation = randomUUID();
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'platform', 'x')", [organisation]);
        await logAndSealer(db, clock).log.append(tx, { ...entry(), people: ['pas-un-uuid'] });
      }),
    ).rejects.toThrow(/uuid/);
    const { rows } = await db.query('SELECT 1 FROM organisations WHERE id = $1', [organisation]);
    expect(rows).toEqual([]);
  });

  it('purges everything old, leaving an empty chain that verifies and grows from its anchor', async () => {
    clock.advance(60_000);
    const purged = await purgeAccessLog(db, { before: clock.now(), checkpointKey: testKeys.checkpointKey, clock });
    expect(purged).toEqual({ deleted: 26, anchorSeq: 37 });
    expect(await verify()).toMatchObject({ ok: true, checked: 0, startSeq: 37, headSeq: 37 });
    await appendAndSeal(2);
    await checkpoint();
    expect(await verify()).toMatchObject({ ok: true, checked: 2, startSeq: 37, headSeq: 39 });
  });
});
