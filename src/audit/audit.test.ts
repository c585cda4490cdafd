import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, ownerOf } from '../../test/support/databases.js';
import type { Db, Tx } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { writeCheckpoint, verifyAccessLog, type AccessEntryInput, type CheckpointDeps } from './index.js';
import { sealMac } from './seals.js';
import { appendMany, logAndSealer, rolledBack, sealUntilDone, tempDir, testKeys, withoutTriggers } from './testing.js';

const actors = [randomUUID(), randomUUID()];
const people = [randomUUID(), randomUUID(), randomUUID()];
const security: AccessEntryInput = {
  actorId: actors[0]!,
  sessionId: null,
  action: 'auth.login.succeeded',
  record: 'none',
  purpose: 'security',
  people: [],
  fields: [],
  clientAddr: null,
};

describe.each(engines)('keyed, sealed access log on %s', (engine) => {
  let db: Db;
  let owner: Db;
  let dir: string;
  const clock = fixedClock(new Date('2026-01-01T08:00:00Z'));

  const verify = (q: Db | Tx = db, checkpointDir = dir) =>
    verifyAccessLog(q, { checkpointDir, ...testKeys, now: clock.now(), batchSize: 3 });
  /** Tampers as the owner, with the triggers off, verifies, then rolls everything back. */
  const verifyAfter = (tamper: (tx: Tx) => Promise<unknown>, checkpointDir = dir) =>
    rolledBack(owner, (tx) =>
      withoutTriggers(tx, async () => {
        await tamper(tx);
        return verify(tx, checkpointDir);
      }),
    );
  const checkpointDeps = (): CheckpointDeps => ({
    db,
    dir,
    clock,
    random: systemRandom,
    mayStartFresh: true,
    ...testKeys,
  });

  beforeAll(async () => {
    db = await openTestDb(engine);
    owner = await ownerOf(db);
    dir = tempDir();
    const { sealer } = logAndSealer(db, clock);
    expect(await writeCheckpoint(checkpointDeps())).toMatchObject({ status: 'written', checkpoint: { i: 0 } });
    await appendMany(db, clock, 12, (i) => ({
      actorId: actors[i % 2]!,
      sessionId: `s${i % 3}`,
      action: 'read',
      purpose: 'training.follow_up',
      people: [people[i % 3]!],
      fields: i % 2 ? ['lastName', 'email'] : ['phone'],
      clientAddr: '192.0.2.1',
    }));
    expect(await sealer.sealNow()).toBe(12);
    // A rolled-back append leaves number 13 unused: the sealer passes over it once it is final.
    await rolledBack(db, (tx) => logAndSealer(db, clock).log.append(tx, { ...security, actorId: null }));
    await appendMany(db, clock, 8, () => security);
    expect(await sealer.sealNow()).toBe(0);
    await sealUntilDone(sealer, db);
    expect(await writeCheckpoint(checkpointDeps())).toMatchObject({
      status: 'written',
      checkpoint: { i: 1, toSeq: 21 },
    });
  });
  afterAll(async () => {
    await owner.close();
    await db.close();
  });
  afterEach(async () => {
    // Every tampering was rolled back: the committed log still verifies.
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('seals committed entries in order and verifies them in batches, with progress', async () => {
    const progress: number[][] = [];
    const report = await verifyAccessLog(db, {
      checkpointDir: dir,
      ...testKeys,
      now: clock.now(),
      batchSize: 1,
      onProgress: (...p) => progress.push(p),
    });
    expect(report).toEqual({
      ok: true,
      checked: 20,
      seals: 2,
      headSeq: 21,
      startSeq: 0,
      lastSeq: 21,
      checkpoints: 2,
      forgedCheckpoints: 0,
      unsealed: 0,
    });
    expect(progress).toEqual([
      [12, 20],
      [20, 20],
    ]);
  });

  it('names an edited entry', async () => {
    const report = await verifyAfter((tx) => tx.query("UPDATE access_log SET fields = '{address}' WHERE seq = 7"));
    expect(report).toMatchObject({ ok: false, lastSeq: 0, firstBroken: { seq: 7, kind: 'edited' } });
    expect(report.firstBroken!.message).toBe(
      'L’entrée n° 7 a été modifiée : son empreinte ne correspond plus à celle de son sceau.',
    );
  });

  it('names an entry edited and its seal recomputed without the chain key', async () => {
    const report = await verifyAfter(async (tx) => {
      await tx.query("UPDATE access_log SET people = '{}' WHERE seq = 15");
      // The forger rebuilds the seal's digests and MAC, with a key of their own.
      const { rows } = await tx.query<Record<string, unknown>>('SELECT * FROM access_log_seals WHERE n = 2');
      const seal = rows[0]!;
      const forged = sealMac(Buffer.alloc(32, 9), {
        n: 2,
        fromSeq: seal.from_seq as number,
        toSeq: seal.to_seq as number,
        seqs: (seal.seqs as number[]).map(Number),
        digests: [],
        sealedAt: seal.sealed_at as Date,
        prevMac: Buffer.from(seal.prev_mac as Uint8Array),
      });
      await tx.query('UPDATE access_log_seals SET mac = $1 WHERE n = 2', [forged]);
    });
    expect(report.firstBroken).toMatchObject({ seq: 13, kind: 'edited' });
    expect(report.firstBroken!.message).toContain('Le sceau n° 2 a été modifié');
  });

  it('names a deleted entry, an inserted one, and two swapped', async () => {
    expect((await verifyAfter((tx) => tx.query('DELETE FROM access_log WHERE seq = 4'))).firstBroken).toMatchObject({
      seq: 4,
      kind: 'deleted',
    });
    const inserted = await verifyAfter((tx) =>
      tx.query(
        "INSERT INTO access_log (seq, at, action, purpose, people, fields) VALUES (13, now(), 'read', 'x', '{}', '{}')",
      ),
    );
    expect(inserted.firstBroken).toMatchObject({ seq: 13, kind: 'inserted' });
    const swapped = await verifyAfter(async (tx) => {
      await tx.query('UPDATE access_log SET seq = -1 WHERE seq = 2');
      await tx.query('UPDATE access_log SET seq = 2 WHERE seq = 3');
      await tx.query('UPDATE access_log SET seq = 3 WHERE seq = -1');
    });
    // The row numbered 2 holds what was sealed as entry 3.
    expect(swapped.firstBroken).toMatchObject({ seq: 3, kind: 'reordered' });
  });

  it('names content moved to another number', async () => {
    const report = await verifyAfter(async (tx) => {
      const columns = 'at, actor_id, session_id, action, purpose, record, people, probed, fields, client_addr, outcome';
      await tx.query(
        `UPDATE access_log a SET (${columns}) = (SELECT ${columns} FROM access_log b WHERE b.seq = 6) WHERE a.seq = 5`,
      );
    });
    expect(report.firstBroken).toMatchObject({ seq: 6, kind: 'reordered' });
  });

  it('names deleted seals, a truncated log, and an unsealed tail left too long', async () => {
    const missing = await verifyAfter((tx) => tx.query('DELETE FROM access_log_seals WHERE n = 1'));
    expect(missing.firstBroken).toMatchObject({ kind: 'deleted' });
    expect(missing.firstBroken!.message).toContain('Le sceau n° 1 a été supprimé');
    const truncated = await verifyAfter(async (tx) => {
      await tx.query('DELETE FROM access_log_seals WHERE n = 2');
      await tx.query('DELETE FROM access_log WHERE seq > 12');
    });
    expect(truncated.firstBroken).toMatchObject({ seq: 13, kind: 'truncated' });
    const tail = await verifyAfter(async (tx) => {
      await tx.query(
        "INSERT INTO access_log (at, action, purpose, people, fields) VALUES ($1, 'read', 'x', '{}', '{}')",
        [new Date(clock.now().getTime() - 10 * 60_000)],
      );
    });
    expect(tail).toMatchObject({ unsealed: 1, firstBroken: { seq: 22, kind: 'unsealed' } });
  });

  it('accepts a fresh unsealed tail, and says how long it is', async () => {
    const report = await rolledBack(db, async (tx) => {
      await tx.query(
        "INSERT INTO access_log (at, action, purpose, people, fields) VALUES ($1, 'read', 'x', '{}', '{}')",
        [clock.now()],
      );
      return verify(tx);
    });
    expect(report).toMatchObject({ ok: true, unsealed: 1, headSeq: 21 });
  });

  it('fails on deleted checkpoint files, a gap between checkpoints, and a copy the files lack', async () => {
    const empty = tempDir();
    expect((await verify(db, empty)).firstBroken).toMatchObject({ kind: 'checkpoints' });
    expect((await verify(db, empty)).firstBroken!.message).toContain('Aucun point de contrôle signé');
    const gapped = tempDir();
    for (const name of readdirSync(dir)) {
      const lines = readFileSync(path.join(dir, name), 'utf8').split('\n');
      writeFileSync(path.join(gapped, name), lines.filter((line) => !line.includes('"i":0')).join('\n'));
    }
    expect((await verify(db, gapped)).firstBroken!.message).toContain('Il manque le point de contrôle n° 0');
    const report = await verifyAfter(
      (tx) =>
        tx.query(
          "INSERT INTO access_log_checkpoints (i, seal_n, to_seq, seal_mac, at, prev_sig, sig) VALUES (2, 2, 21, '\\x00', now(), '\\x00', '\\x00')",
        ),
      dir,
    );
    expect(report.firstBroken!.message).toContain('Le point de contrôle n° 2 manque dans les fichiers');
  });

  it('fails when seals have gone uncovered by any checkpoint for long', async () => {
    const report = await verifyAfter(async (tx) => {
      await tx.query('DELETE FROM access_log_checkpoints WHERE i = 1');
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      return undefined;
    }, withoutLastCheckpoint(dir));
    expect(report.firstBroken).toMatchObject({ seq: 1, kind: 'checkpoints' });
    expect(report.firstBroken!.message).toContain('Aucun point de contrôle ne couvre le journal depuis le sceau n° 1');
  });

  it('refuses to sign a checkpoint over a log forged since the last one, and opens one alert', async () => {
    // A new entry, sealed but not yet under a checkpoint, is then rewritten.
    const { log, sealer } = logAndSealer(db, clock);
    await log.append(db, security);
    // The tampering tests above rolled back appends: the sealer waits until those numbers are final.
    await sealUntilDone(sealer, db);
    const result = await rolledBack(owner, (tx) =>
      withoutTriggers(tx, async () => {
        await tx.query("UPDATE access_log SET purpose = 'falsifié' WHERE seq = (SELECT max(seq) FROM access_log)");
        const deps = { ...checkpointDeps(), db: tx };
        const refused = await writeCheckpoint(deps);
        const again = await writeCheckpoint(deps);
        const alerts = await tx.query<{ kind: string }>("SELECT kind FROM security_alerts WHERE status = 'open'");
        return { refused, again, alerts: alerts.rows };
      }),
    );
    expect(result.refused).toMatchObject({ status: 'refused' });
    expect(result.again).toMatchObject({ status: 'refused' });
    expect(result.alerts).toEqual([{ kind: 'audit.chain_broken' }]);
    // Control: the same log, not forged, is signed.
    expect(await writeCheckpoint(checkpointDeps())).toMatchObject({ status: 'written', checkpoint: { i: 2 } });
  });

  it('refuses to start checkpoints from nothing on a platform that is not new', async () => {
    const elsewhere = tempDir();
    const result = await writeCheckpoint({ ...checkpointDeps(), dir: elsewhere, mayStartFresh: false });
    expect(result).toMatchObject({ status: 'refused' });
    expect(readdirSync(elsewhere)).toEqual([]);
    rmSync(elsewhere, { recursive: true });
  });

  it('is append-only for everybody but the purge, on both engines (triggers)', async () => {
    for (const statement of [
      "UPDATE access_log SET purpose = 'x' WHERE seq = 1",
      'DELETE FROM access_log WHERE seq = 1',
      'TRUNCATE access_log',
      'UPDATE access_log_seals SET n = n',
      'DELETE FROM access_log_checkpoints',
    ]) {
      await expect(rolledBack(owner, (tx) => tx.query(statement))).rejects.toThrow(/ajout seul/);
    }
  });
});

describe.each(engines)('two sealers on one database, on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('seal every entry once, in order, while both run beside concurrent appends (advisory lock)', async () => {
    const clock = fixedClock(new Date('2026-01-01T08:00:00Z'));
    const dir = tempDir();
    const signed = await writeCheckpoint({ db, dir, clock, random: systemRandom, mayStartFresh: true, ...testKeys });
    expect(signed).toMatchObject({ status: 'written' });
    // Two sealers, as two processes on one database would have: each its own state, one chain key.
    const sealers = [logAndSealer(db, clock).sealer, logAndSealer(db, clock).sealer];
    const sealedBy = [0, 0];
    const sealWith = async (i: number) => {
      const sealed = await sealers[i]!.sealNow();
      sealedBy[i]! += sealed;
      return sealed;
    };
    const { log } = logAndSealer(db, clock);
    const writers = 5;
    const perWriter = 60;
    let appending = true;
    const appends = Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let k = 0; k < perWriter; k++) await log.append(db, { ...security, actorId: actors[(w + k) % 2]! });
      }),
    ).finally(() => {
      appending = false;
    });
    const keepSealing = async (i: number) => {
      while (appending) await sealWith(i);
    };
    await Promise.all([appends, keepSealing(0), keepSealing(1)]);
    // What is left (numbers whose transactions were still open) is sealed by either, alternately.
    let turn = 0;
    await sealUntilDone({ sealNow: () => sealWith(turn++ % 2) }, db);

    const total = writers * perWriter;
    expect(sealedBy[0]! + sealedBy[1]!).toBe(total);
    const entries = await db.query<{ seq: string }>('SELECT seq::text AS seq FROM access_log ORDER BY access_log.seq');
    expect(entries.rows).toHaveLength(total);
    const seals = await db.query<{ n: number; from_seq: string; to_seq: string; seqs: string[] }>(
      'SELECT n, from_seq::text, to_seq::text, seqs::text[] FROM access_log_seals ORDER BY n',
    );
    // One unbroken chain: seal n° k starts where n° k-1 ended, and lists its entries in order.
    let previous = '0';
    seals.rows.forEach((seal, index) => {
      expect(seal.n).toBe(index + 1);
      expect(seal.from_seq).toBe(previous);
      expect(seal.seqs.at(-1)).toBe(seal.to_seq);
      previous = seal.to_seq;
    });
    // Every entry in exactly one seal, in the order of the log.
    expect(seals.rows.flatMap((seal) => seal.seqs)).toEqual(entries.rows.map((entry) => entry.seq));
    const report = await verifyAccessLog(db, { checkpointDir: dir, ...testKeys, now: clock.now() });
    expect(report).toMatchObject({ ok: true, checked: total, unsealed: 0 });
    rmSync(dir, { recursive: true });
  });

  it('spaces its passes while reads keep coming, and seals them all', async () => {
    const clock = fixedClock(new Date('2026-01-01T09:00:00Z'));
    const { log, sealer } = logAndSealer(db, clock);
    await sealUntilDone(sealer, db);
    const sealsSoFar = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log_seals')).rows[0]!.n;
    const before = await sealsSoFar();
    sealer.start();
    // As the door does: each committed entry nudges the sealer, for 300 ms of steady appends.
    const started = performance.now();
    let appended = 0;
    while (performance.now() - started < 300) {
      await log.append(db, { ...security, actorId: actors[appended % 2]! });
      appended++;
      sealer.nudge();
    }
    const elapsed = performance.now() - started;
    const during = (await sealsSoFar()) - before;
    await sealer.stop();
    await sealUntilDone(sealer, db);
    // A pass at most every 25 ms (the first at once), each sealing what came meanwhile. Without
    // the spacing, a pass followed each append by 3 ms: 49 seals here on PostgreSQL.
    expect(appended).toBeGreaterThan(during);
    expect(during).toBeLessThanOrEqual(Math.ceil(elapsed / 25) + 2);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM access_log
       WHERE seq > (SELECT max(to_seq) FROM access_log_seals)`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});

/** A copy of the checkpoint directory without its last line (checkpoint n° 1). */
function withoutLastCheckpoint(dir: string): string {
  const copy = tempDir();
  for (const name of readdirSync(dir)) {
    const lines = readFileSync(path.join(dir, name), 'utf8').split('\n');
    writeFileSync(path.join(copy, name), lines.filter((line) => !line.includes('"i":1')).join('\n'));
  }
  return copy;
}
