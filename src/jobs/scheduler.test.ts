import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { runDueJobs, type ScheduledJob } from './scheduler.js';

describe.each(engines)('scheduled jobs on %s', (engine) => {
  let db: Db;
  const clock = fixedClock(new Date('2026-11-25T08:00:00Z'));
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs a job when due, once, then at its next turn; two runners never run it together', async () => {
    let runs = 0;
    const job: ScheduledJob<null> = {
      name: 'test.tick',
      everyMs: 60_000,
      run: async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return runs;
      },
    };
    const both = await Promise.all([runDueJobs(db, clock, [job], null), runDueJobs(db, clock, [job], null)]);
    expect(runs).toBe(1);
    expect(both.flat()).toEqual([{ name: 'test.tick', ok: true, count: 1 }]);
    expect(await runDueJobs(db, clock, [job], null)).toEqual([]);
    clock.advance(60_000);
    expect(await runDueJobs(db, clock, [job], null)).toEqual([{ name: 'test.tick', ok: true, count: 2 }]);
  });

  it('records a failure without personal data and tries again at the next turn', async () => {
    let fail = true;
    const job: ScheduledJob<null> = {
      name: 'test.flaky',
      everyMs: 60_000,
      run: async () => {
        if (fail) throw new TypeError('Mme Dupont introuvable');
      },
    };
    expect(await runDueJobs(db, clock, [job], null)).toEqual([{ name: 'test.flaky', ok: false, error: 'TypeError' }]);
    const { rows } = await db.query<{ last_error: string }>(
      "SELECT last_error FROM scheduled_jobs WHERE name = 'test.flaky'",
    );
    expect(rows[0]!.last_error).toBe('TypeError');
    fail = false;
    clock.advance(60_000);
    expect(await runDueJobs(db, clock, [job], null)).toEqual([{ name: 'test.flaky', ok: true }]);
  });
});
