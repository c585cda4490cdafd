import { parseArgs } from 'node:util';
import { attackLine, pickVictims, runAttacks } from './attacks/scenarios.js';
import { monthLine } from './legit/month.js';
import { officers } from './legit/officers.js';
import { planPeople, playDays } from './legit/population.js';
import { poolBreadthLines } from './legit/pool-breadth.js';
import { usageLines } from './legit/usage.js';
import { startServer } from './server.js';
import { CALENDAR, ROLES } from './calendar.js';
import { parisTime } from './sim.js';
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
    const staff = officers(server, world);
    const past = emptyStats();
    await playDays(server, people, CALENDAR.past, past, { officers: staff, onDay: (day) => progress(`passé ${day}`) });
    const stats = emptyStats();
    await playDays(server, people, CALENDAR.month, stats, { officers: staff, onDay: (day) => progress(`mois ${day}`) });
    for (const line of monthLine(stats)) console.log(line);
    console.log(`    les ${CALENDAR.past.length} jours de passé, avant le mois :`);
    for (const line of monthLine(past).slice(1)) console.log(`  ${line}`);
    const { rows } = await server.platform.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM guard_signals WHERE at >= $1 AND at < $2 GROUP BY kind ORDER BY kind`,
      [new Date(parisTime(CALENDAR.month[0]!, 0)), new Date(parisTime(CALENDAR.attack, 0))],
    );
    console.log(`    signaux du garde sur le mois : ${rows.map((r) => `${r.kind} ×${r.n}`).join(', ') || 'aucun'}`);
    for (const line of await usageLines(server.platform.db, CALENDAR.month[0]!, CALENDAR.attack)) console.log(line);
    const monthEnd = new Date(parisTime(CALENDAR.attack, 0));
    for (const line of await poolBreadthLines(server.platform.db, new Date(parisTime(CALENDAR.month[0]!, 0)), monthEnd))
      console.log(line);
    const results = await runAttacks(server, pickVictims(people), CALENDAR.attack, staff);
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
