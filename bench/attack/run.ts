import { parseArgs } from 'node:util';
import type { Role } from '../../src/kernel/roles.js';
import { attackLine, pickVictims, runAttacks } from './attacks/scenarios.js';
import { monthLine } from './legit/month.js';
import { planPeople, playDays } from './legit/population.js';
import { startServer } from './server.js';
import { parisTime, workingDays } from './sim.js';
import { emptyStats } from './worker.js';
import { buildWorld } from './world.js';

/**
 * `npm run bench:attack`: the attack simulator and the legitimate-traffic simulator (issue 11),
 * against the real server over HTTP with a simulated clock:
 * 1. a world seeded by the platform's seeder (faker, fr locale) and the staff the run plays;
 * 2. ten working days of their past (the history the guard learns budgets and hours from);
 * 3. `legit-month`: the 22 working days of October 2026;
 * 4. on the next working day, each attack against its own victim, mid-morning.
 * Every line the issue asks for is printed in its exact form; details follow, indented.
 */

/** The staff the run plays, by role; `--scale` multiplies them. */
const ROLES: Partial<Record<Role, number>> = {
  of_user: 6,
  of_manager: 3,
  advisor: 4,
  recruiter: 6,
  recruiter_manager: 4,
};

export const CALENDAR = {
  start: '2026-09-17',
  past: workingDays('2026-09-17', 10),
  month: workingDays('2026-10-01', 22),
  attack: workingDays('2026-11-02', 1)[0]!,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: process.env.ATTACK_PEOPLE ?? '2000' },
      scale: { type: 'string', default: process.env.ATTACK_SCALE ?? '1' },
      seed: { type: 'string', default: process.env.ATTACK_SEED ?? '2026' },
    },
  });
  const seed = Number(values.seed);
  const scale = Number(values.scale);
  const started = Date.now();
  const progress = (text: string) =>
    process.stderr.write(`  [${Math.round((Date.now() - started) / 1000)} s] ${text}\n`);
  const server = await startServer(new Date(parisTime(CALENDAR.start, 5)));
  try {
    const roles = Object.fromEntries(Object.entries(ROLES).map(([role, n]) => [role, Math.round(n * scale)]));
    const world = await buildWorld(server, { people: Number(values.people), seed, today: CALENDAR.start, roles });
    progress(`monde : ${values.people} personnes, ${world.staff.length} agents simulés`);
    const people = await planPeople(server, world, world.staff, seed);
    await playDays(server, people, CALENDAR.past, emptyStats(), (day) => progress(`passé ${day}`));
    const stats = emptyStats();
    await playDays(server, people, CALENDAR.month, stats, (day) => progress(`mois ${day}`));
    for (const line of monthLine(stats)) console.log(line);
    const { rows } = await server.platform.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM guard_signals WHERE at >= $1 AND at < $2 GROUP BY kind ORDER BY kind`,
      [new Date(parisTime(CALENDAR.month[0]!, 0)), new Date(parisTime(CALENDAR.attack, 0))],
    );
    console.log(`    signaux du garde sur le mois : ${rows.map((r) => `${r.kind} ×${r.n}`).join(', ') || 'aucun'}`);
    const results = await runAttacks(server, pickVictims(people), CALENDAR.attack);
    for (const result of results) {
      console.log(attackLine(result));
      for (const line of result.detail) console.log(`    ${line}`);
    }
    progress('fini');
  } finally {
    await server.close();
  }
}

await main();
