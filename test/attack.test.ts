import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackResult } from '../bench/attack/attacks/attacker.js';
import { peopleRead } from '../bench/attack/attacks/attacker.js';
import { browserMalware } from '../bench/attack/attacks/kairos.js';
import { attackLine, pickVictims, runAttacks, SCENARIOS } from '../bench/attack/attacks/scenarios.js';
import { officers, type Officers } from '../bench/attack/legit/officers.js';
import { planPeople, playDays, type Person } from '../bench/attack/legit/population.js';
import { startServer, type SimServer } from '../bench/attack/server.js';
import { parisTime, workingDays } from '../bench/attack/sim.js';
import { emptyStats } from '../bench/attack/worker.js';
import { buildWorld } from '../bench/attack/world.js';

/**
 * The promise, tested against the real server over HTTP: each attack scenario of the
 * bench (bench/attack/, `npm run bench:attack`) ends with at most 10 people read. A smaller run
 * than the bench's: the victims have three working days of past instead of a month, and one
 * world serves every scenario. The control relaxes the guard's budgets and weights, as an
 * officer could in guard_settings, and shows the same malware then reads far more than 10: the
 * limit comes from the guard, not from the scenario.
 */
describe('the attack scenarios, against the running server', () => {
  let server: SimServer;
  let people: Person[];
  const results = new Map<string, AttackResult>();
  const days = workingDays('2026-09-17', 4);

  beforeAll(async () => {
    server = await startServer(new Date(parisTime(days[0]!, 5)));
    const world = await buildWorld(server, {
      people: 2000,
      seed: 11,
      today: days[0]!,
      roles: { of_user: 4, of_manager: 1, advisor: 1, recruiter_manager: 1 },
    });
    people = await planPeople(server, world, world.staff, 11);
    const staff: Officers = officers(server, world);
    await playDays(server, people, days.slice(0, 3), emptyStats(), { officers: staff });
    for (const result of await runAttacks(server, pickVictims(people), days[3]!, staff)) {
      results.set(result.name, result);
      console.log([attackLine(result), ...result.detail.map((line) => `    ${line}`)].join('\n'));
    }
  }, 600_000);
  afterAll(async () => {
    await server?.close();
  });

  /*
   * The goal is not met for low-and-slow, and this file says so rather than hide it
   * (issue 11 stays open): one page a minute, it reads a session's trainee list page by page, as
   * an OF user does, and no budget of names can be as low as 10 without stopping an OF user's
   * ordinary day (a peak of 42 new names in ten minutes in the bench's month). Its files, the
   * contacts, stop at 10. `it.fails` turns red the day it reads 10 or fewer. The malware at full
   * speed is stopped by the pace (migration 0021) at its second page of names.
   */
  const notYet = new Set(['low-and-slow']);
  const read = (name: string) => {
    const result = results.get(name)!;
    expect(result.people, `${name}: ${result.detail.join(' ; ')}`).toBeLessThanOrEqual(10);
  };
  it.each(SCENARIOS.map(([name]) => name).filter((name) => !notYet.has(name)))(
    '%s ends with at most 10 people read',
    read,
  );
  it.fails.each([...notYet])('%s reads more than 10 people: the goal is not met yet', read);

  it('is cut off by a refusal the attacker cannot get past, where it reads from the victim’s browser', () => {
    for (const name of ['browser-malware', 'enumeration', 'pool-scraping', 'low-and-slow'] as const) {
      expect(results.get(name)!.cutoffSeconds, name).not.toBeNull();
    }
  });

  it('lets the same malware read more than 10 people once the guard is relaxed (control)', async () => {
    const owner = await server.platform.openOwner();
    await owner.query(
      'UPDATE guard_budgets SET per_window = 100000, per_day = 100000, floor_day = 100000, per_second = NULL',
    );
    await owner.query('UPDATE guard_signal_weights SET weight = 0');
    const used = new Set([...pickVictims(people).values()]);
    const victim = people.find((p) => p.user.role === 'of_user' && !used.has(p))!;
    expect(await victim.user.browser.loginWithPasskey()).toBe(true);
    const attacker = await browserMalware(victim.user);
    const read = await peopleRead(server.platform.db, victim.user.id, attacker.first!, { excludeSeenToday: true });
    expect(read).toBeGreaterThan(10);
  });
});
