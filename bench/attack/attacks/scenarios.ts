import type { Role } from '../../../src/kernel/roles.js';
import { dayFrame, workDay } from '../legit/day.js';
import type { Officers } from '../legit/officers.js';
import { tasksOf, type Person } from '../legit/population.js';
import type { SimServer } from '../server.js';
import { parisTime, Simulation } from '../sim.js';
import { Worker, emptyStats } from '../worker.js';
import { lastAllowed, peopleRead, readByPurpose, signalsSince, type Attacker, type AttackResult } from './attacker.js';
import { browserMalware, kairosReplay, lowAndSlow, referralsOn } from './kairos.js';
import { enumeration, poolScraping, rgcAccounts } from './others.js';

/** The scenarios in the order they run, each with the role of its victim. */
export const SCENARIOS = [
  ['kairos-replay', 'of_user'],
  ['browser-malware', 'of_user'],
  ['enumeration', 'advisor'],
  ['pool-scraping', 'recruiter_manager'],
  ['rgc-accounts', 'of_manager'],
  ['low-and-slow', 'of_user'],
] as const satisfies readonly (readonly [string, Role])[];

export type ScenarioName = (typeof SCENARIOS)[number][0];

/** When the attacks begin: mid-morning, the victims at work since their arrival. */
const ATTACK_HOUR = 10.5;

/** Picks a different victim for each scenario among the people, by role, in order. */
export function pickVictims(people: Person[]): Map<ScenarioName, Person> {
  const used = new Set<Person>();
  const victims = new Map<ScenarioName, Person>();
  for (const [name, role] of SCENARIOS) {
    const victim = people.find((p) => p.user.role === role && !used.has(p));
    if (!victim) throw new Error(`no ${role} left to be the victim of ${name}`);
    used.add(victim);
    victims.set(name, victim);
  }
  return victims;
}

/**
 * The attack day: the victims work from their arrival until mid-morning (so the guard has
 * their usual day behind it, and the malware has a screen to read), then each scenario runs
 * against its own victim, one after another, over HTTP. Each result counts the people from the
 * access log and the cut-off from the attacker's own answers.
 */
export async function runAttacks(
  server: SimServer,
  victims: Map<ScenarioName, Person>,
  day: string,
  officers: Officers,
): Promise<AttackResult[]> {
  const sim = new Simulation(server.clock);
  const stats = emptyStats();
  const stopAt = parisTime(day, ATTACK_HOUR);
  server.clock.set(new Date(Math.max(server.clock.now().getTime(), parisTime(day, 5))));
  for (const person of victims.values()) {
    // A suspension of the days before (a false alarm), lifted in the morning as every other.
    if (await officers.isSuspended(person.user.id)) await officers.lift(person.user.id);
    const worker = new Worker(person.user, sim, stats, server.platform.db);
    sim.spawn(parisTime(day, 6), async () => {
      const frame = dayFrame(person.dice, day);
      await workDay(
        worker,
        person.dice,
        { ...frame, arrive: Math.min(frame.arrive, stopAt - 3_600_000) },
        tasksOf(worker, person, day, 0),
        stopAt,
      );
    });
  }
  await sim.run();
  // A victim whose morning of work tripped the guard (a false alarm): the officers lift it, the
  // victim signs in again, and the attack goes on; the detail says so.
  const falseAlarms = new Set<Person>();
  for (const person of victims.values()) {
    const browser = person.user.browser;
    if (await officers.isSuspended(person.user.id)) {
      falseAlarms.add(person);
      await officers.lift(person.user.id);
      await browser.loginWithPasskey();
    } else if (!browser.signedIn || (await browser.renew()) !== 'ok') {
      // A colleague's long task ran past the hour: this victim's session idled out meanwhile,
      // and they sign in again as they sit back down.
      await browser.loginWithPasskey();
    }
  }
  const results: AttackResult[] = [];
  for (const [name] of SCENARIOS) {
    // The victims still waiting keep their tab open: its script renews the session meanwhile.
    for (const [other, person] of victims) {
      if (other !== name && !results.some((r) => r.name === other) && person.user.browser.signedIn)
        await person.user.browser.renew();
    }
    const result = await runOne(server, name, victims.get(name)!);
    if (falseAlarms.has(victims.get(name)!))
      result.detail.unshift('victime suspendue par le garde pendant sa matinée de travail, levée avant l’attaque');
    results.push(result);
  }
  return results;
}

async function runOne(server: SimServer, name: ScenarioName, victim: Person): Promise<AttackResult> {
  const db = server.platform.db;
  const user = victim.user;
  const detail: string[] = [];
  if (name === 'rgc-accounts') {
    // The malware waits for the RGC's next login, when the step-up account requests need is fresh.
    server.clock.advance(60_000);
    await user.browser.loginWithPasskey();
    await user.browser.open('/organisme');
  }
  const from = server.clock.now().getTime();
  let attacker: Attacker;
  switch (name) {
    case 'kairos-replay': {
      const page = await user.browser.open('/organisme/sessions');
      const session = /href="(\/organisme\/sessions\/[0-9a-f-]{36})"/.exec(page.body)?.[1];
      const list = session ? await user.browser.open(session) : page;
      // The thief copies the profile a little later, and replays it from home.
      server.clock.advance(5 * 60_000);
      attacker = await kairosReplay(user, referralsOn(list.body));
      break;
    }
    case 'browser-malware':
      attacker = await browserMalware(user);
      break;
    case 'low-and-slow':
      attacker = await lowAndSlow(user);
      break;
    case 'enumeration':
      attacker = await enumeration(user);
      break;
    case 'pool-scraping':
      attacker = await poolScraping(user);
      break;
    case 'rgc-accounts': {
      const run = await rgcAccounts(user);
      attacker = run.attacker;
      detail.push(`comptes demandés : ${run.asked}`);
      break;
    }
  }
  const start = attacker.first ?? from;
  const people = await peopleRead(db, user.id, start, { excludeSeenToday: name === 'browser-malware' });
  const cutoffSeconds = attacker.cutoffSeconds(await lastAllowed(db, user.id, start));
  const { rows } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [user.id]);
  detail.push(
    `victime ${user.role}, ${attacker.events.length} requêtes en ${Math.round((server.clock.now().getTime() - start) / 1000)} s simulées`,
    `réponses : ${attacker.summary()}`,
    `personnes par finalité (avant exclusions) : ${await readByPurpose(db, user.id, start)}`,
    `signaux du garde : ${await signalsSince(db, user.id, start)}`,
    `compte ensuite : ${rows[0]?.status}`,
  );
  return { name, people, cutoffSeconds, detail };
}

/** The line the issue asks for, in exactly that form. */
export function attackLine(result: AttackResult): string {
  return `attack ${result.name}: people=${result.people} cutoff_seconds=${result.cutoffSeconds ?? 'none'}`;
}
