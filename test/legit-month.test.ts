import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthLine } from '../bench/attack/legit/month.js';
import { officers, type Officers } from '../bench/attack/legit/officers.js';
import { planPeople, playDays } from '../bench/attack/legit/population.js';
import { startServer, type SimServer } from '../bench/attack/server.js';
import { parisTime, workingDays } from '../bench/attack/sim.js';
import { emptyStats, type LegitStats } from '../bench/attack/worker.js';
import { buildWorld } from '../bench/attack/world.js';

/**
 * The other promise: over a month of normal work, no legitimate user is suspended. The
 * bench's legitimate month (bench/attack/legit/, `npm run bench:attack`) with fewer people: an
 * OF user, an advisor, a recruiter and a recruiter manager, over the 22 working days of October
 * 2026, after three days of past, over HTTP against the real server; a step-up the guard asks
 * is answered with the person's passkey, as they would, and the month goes on. The people were
 * chosen before any run; the advisor was added once the bench showed advisors suspended by the
 * portfolio's canary, so that this test says what the bench says (that canary is no longer
 * planted: src/seed/canaries/index.ts).
 */
describe('a month of legitimate work', () => {
  let server: SimServer;
  let stats: LegitStats;
  let people: Awaited<ReturnType<typeof planPeople>>;
  let staff: Officers;

  beforeAll(async () => {
    const past = workingDays('2026-09-28', 3);
    server = await startServer(new Date(parisTime(past[0]!, 5)));
    const world = await buildWorld(server, {
      people: 1000,
      seed: 5,
      today: past[0]!,
      roles: { of_user: 1, advisor: 1, recruiter: 1, recruiter_manager: 1 },
    });
    people = await planPeople(server, world, world.staff, 5);
    staff = officers(server, world);
    await playDays(server, people, past, emptyStats(), { officers: staff });
    stats = emptyStats();
    await playDays(server, people, workingDays('2026-10-01', 22), stats, { officers: staff });
  }, 600_000);
  afterAll(async () => {
    await server?.close();
  });

  it('ends with no suspension', () => {
    expect(stats.userDays.size).toBeGreaterThanOrEqual(4 * 22);
    expect(stats.pageLoads).toBeGreaterThan(4 * 22 * 10);
    expect(stats.suspensions, monthLine(stats).join('\n')).toEqual([]);
  });

  it('sees a suspension when the guard allows one person a day (control)', async () => {
    const owner = await server.platform.openOwner();
    await owner.query('UPDATE guard_budgets SET per_window = 1, per_day = 1, floor_day = 1');
    const control = emptyStats();
    await playDays(server, people, workingDays('2026-11-02', 1), control, { officers: staff });
    expect(control.suspensions.length).toBeGreaterThan(0);
  });
});
