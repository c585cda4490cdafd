import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, ownerOf } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { createAccessLog, readsByActor } from './index.js';
import { READS_BY_ACTOR_SQL } from './queries.js';
import { rolledBack } from './testing.js';
import type { Outcome } from './types.js';

const alice = randomUUID();
const bob = randomUUID();
const [ann, ben, cat] = [randomUUID(), randomUUID(), randomUUID()];

describe.each(engines)('“what did account X read between T1 and T2” on %s', (engine) => {
  let db: Db;
  const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
  const log = createAccessLog({ clock });
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
  const read = (actorId: string, people: string[], fields: string[], action = 'read', outcome: Outcome = 'allow') =>
    log.append(db, {
      actorId,
      sessionId: 'sess',
      action,
      purpose: 'advising.portfolio',
      people,
      fields,
      clientAddr: '203.0.113.9',
      outcome,
    });

  beforeAll(async () => {
    db = await openTestDb(engine);
    const script: [number, string, string[], string[]][] = [
      [1, alice, [ann], ['lastName']], // seq 1, 09:01
      [2, bob, [ben], ['email', 'phone']], // seq 2
      [3, alice, [ben, cat], ['email', 'phone']], // seq 3, two people in one read
      [4, alice, [], []], // seq 4, a security event: nobody read
      [5, alice, [cat], ['address']], // seq 5, 09:05: outside [09:01, 09:05)
    ];
    for (const [minute, actor, people, fields] of script) {
      clock.set(at(minute));
      await read(actor, people, fields, people.length ? 'read' : 'auth.login');
    }
    // An actor id in upper case is the same account: it is stored, and found, in lower case.
    clock.set(at(4));
    await read(alice.toUpperCase(), [ann.toUpperCase()], ['firstName']); // seq 6
    // A read the guard refused returned nothing: it is not among what the account read.
    await read(alice, [cat], ['email'], 'read', 'deny'); // seq 7
  });
  afterAll(async () => {
    await db.close();
  });

  it('returns the exact people and fields, one row per person, in chain order', async () => {
    const reads = await readsByActor(db, alice, at(1), at(5));
    expect(reads.map((r) => [r.seq, r.personId, r.fields])).toEqual([
      [1, ann, ['lastName']],
      [3, ben, ['email', 'phone']],
      [3, cat, ['email', 'phone']],
      [6, ann, ['firstName']],
    ]);
    expect(reads[0]).toEqual({
      seq: 1,
      at: at(1),
      action: 'read',
      purpose: 'advising.portfolio',
      record: 'person',
      personId: ann,
      fields: ['lastName'],
      sessionId: 'sess',
      clientAddr: '203.0.113.9',
    });
  });

  it('includes T1 and excludes T2, and gives nothing for another account', async () => {
    expect((await readsByActor(db, alice, at(5), at(6))).map((r) => r.seq)).toEqual([5]);
    expect(await readsByActor(db, alice, at(2), at(3))).toEqual([]);
    expect((await readsByActor(db, bob, at(0), at(60))).map((r) => r.personId)).toEqual([ben]);
    expect(await readsByActor(db, randomUUID(), at(0), at(60))).toEqual([]);
  });

  it('has an (actor_id, at) index', async () => {
    const { rows } = await db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'access_log' AND indexname = 'access_log_actor_at'",
    );
    expect(rows[0]?.indexdef).toMatch(/\(actor_id, at\)$/);
  });

  it('plans the query as a range scan on that index, over a long log of many accounts', async () => {
    const owner = await ownerOf(db);
    const plan = await rolledBack(owner, async (tx) => {
      // 50,000 entries from 500 accounts over a month; the rows need not chain for the planner.
      await tx.query(
        `INSERT INTO access_log (seq, at, actor_id, action, purpose, people, fields)
         SELECT 1000 + i, timestamptz '2026-01-01' + i * interval '1 minute', md5((i % 500)::text)::uuid, 'read',
                'x', ARRAY[md5(i::text)::uuid], '{lastName}'
         FROM generate_series(1, 50000) AS i`,
      );
      await tx.query('ANALYZE access_log');
      const explain = async () => {
        const params = [alice, new Date('2026-01-01'), new Date('2026-02-01')];
        const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${READS_BY_ACTOR_SQL}`, params);
        return rows.map((row) => Object.values(row)[0]).join('\n');
      };
      const withIndex = await explain();
      // The control: without the index the planner scans the table, so the assertion is not vacuous.
      await tx.query('DROP INDEX access_log_actor_at');
      return { withIndex, without: await explain() };
    });
    await owner.close();
    expect(plan.withIndex).toMatch(/Index Scan using access_log_actor_at|Bitmap Index Scan on access_log_actor_at/);
    expect(plan.withIndex).not.toMatch(/Seq Scan/);
    expect(plan.without).toMatch(/Seq Scan on access_log/);
  });
});
