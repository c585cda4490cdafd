import { departementByCode } from '../../../src/seed/geography.js';
import { peopleGenerator } from '../../../src/seed/index.js';
import { Dice } from '../dice.js';
import { parisTime, Simulation, workingDays } from '../sim.js';
import type { SimServer } from '../server.js';
import { Worker, type LegitStats } from '../worker.js';
import type { StaffUser, World } from '../world.js';
import { advisingEvening, advisingTasks, type Portfolio } from './advising.js';
import { dayFrame, eveningAtHome, workDay, type Task } from './day.js';
import { recruitingEvening, recruitingTasks, type RecruitingPlan } from './recruiting.js';
import type { Officers } from './officers.js';
import { trainingTasks, type SessionDates, type TrainingPlan } from './training.js';

/** Each simulated person: who they are, what they know of their work, their own dice. */
export interface Person {
  user: StaffUser;
  dice: Dice;
  /** Set once the account is suspended, until the officers lift it the next morning. */
  suspended?: boolean;
  training?: TrainingPlan;
  recruiting?: RecruitingPlan;
  portfolio?: Portfolio;
}

/** Share of working days with a short evening session from home (about one a month). */
const EVENING_SHARE = 0.04;

/** Each advisor's diary: the people of their portfolio, from the seed's own generator. */
function diaries(world: World): Map<string, Portfolio> {
  const byAdvisor = new Map<string, Portfolio>();
  const generate = peopleGenerator(world.seed.plan.context);
  for (let index = 0; index < world.seed.plan.volumes.people; index++) {
    const { person, portfolio } = generate(index);
    if (!portfolio) continue;
    const diary = byAdvisor.get(portfolio.advisorId) ?? [];
    diary.push({
      id: person.id,
      franceTravailId: person.franceTravailId ?? '',
      lastName: person.lastName,
      firstName: person.firstName,
    });
    byAdvisor.set(portfolio.advisorId, diary);
  }
  return byAdvisor;
}

/** What each person knows of their job: their sessions' share, their employer's métiers and région. */
export async function planPeople(server: SimServer, world: World, users: StaffUser[], seed: number): Promise<Person[]> {
  const db = server.platform.db;
  const people: Person[] = [];
  const diaryOf = users.some((u) => u.role === 'advisor') ? diaries(world) : new Map<string, Portfolio>();
  for (const user of users) {
    const person: Person = { user, dice: new Dice(seed, `person:${user.id}`) };
    if (user.role === 'of_user' || user.role === 'of_manager') {
      const all = world.seed.plan.staff.byOrganisation.get(user.organisationId)!.users.map((s) => s.id);
      const { rows } = await db.query<SessionDates>(
        `SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn",
           EXISTS (SELECT 1 FROM referrals r WHERE r.session_id = s.id
             AND r.status IN ('entered', 'interrupted', 'exited')) AS followed
         FROM training_sessions s WHERE organisation_id = $1 ORDER BY id`,
        [user.organisationId],
      );
      person.training = {
        manager: user.role === 'of_manager',
        share: Math.max(1, all.length),
        offset: Math.max(0, all.indexOf(user.id)),
        sessions: rows,
      };
    } else if (user.role === 'recruiter' || user.role === 'recruiter_manager') {
      const employer = world.seed.plan.organisations.employers.find((e) => e.id === user.organisationId)!;
      const { rows } = await db.query<{ metier: string }>(
        'SELECT DISTINCT metier FROM offers WHERE employer_id = $1 ORDER BY metier',
        [user.organisationId],
      );
      const departement = departementByCode(employer.departement!);
      person.recruiting = {
        manager: user.role === 'recruiter_manager',
        metiers: rows.map((r) => r.metier),
        region: departement.region,
        departement: departement.code,
      };
    } else if (user.role === 'advisor') {
      person.portfolio = diaryOf.get(user.id) ?? [];
    }
    people.push(person);
  }
  return people;
}

/** The tasks of one person's working day. */
export function tasksOf(worker: Worker, person: Person, day: string, campaign: 0 | 1 | 2): Task[] {
  if (person.training) return trainingTasks(worker, person.dice, person.training, day, campaign);
  if (person.recruiting) return recruitingTasks(worker, person.dice, person.recruiting);
  return advisingTasks(worker, person.dice, person.portfolio!);
}

function eveningOf(worker: Worker, person: Person, day: string): Task[] {
  if (person.training)
    return trainingTasks(worker, person.dice, { ...person.training, manager: true }, day, 0).slice(0, 3);
  if (person.recruiting) return recruitingEvening(worker, person.dice);
  return advisingEvening(worker, person.dice, person.portfolio!);
}

/** 1 or 2 on the first two working days of a calendar month, 0 otherwise. */
function campaignDay(day: string): 0 | 1 | 2 {
  const [first, second] = workingDays(`${day.slice(0, 7)}-01`, 2);
  return day === first ? 1 : day === second ? 2 : 0;
}

/**
 * Plays working days for these people over HTTP, one day after another; within a day all of
 * them at once, interleaved by the simulated clock. A suspension is counted where it happens,
 * and the officers lift it before the next day; `onDay` reports progress.
 */
export async function playDays(
  server: SimServer,
  people: Person[],
  days: readonly string[],
  stats: LegitStats,
  options: { officers: Officers; onDay?: (day: string, index: number) => void },
): Promise<Worker[]> {
  const sim = new Simulation(server.clock);
  const workers = people.map((person) => new Worker(person.user, sim, stats, server.platform.db));
  for (const [index, day] of days.entries()) {
    const campaign = campaignDay(day);
    server.clock.set(new Date(Math.max(server.clock.now().getTime(), parisTime(day, 5))));
    for (const [i, worker] of workers.entries()) {
      const person = people[i]!;
      if (person.suspended || (await options.officers.isSuspended(person.user.id))) {
        await options.officers.lift(person.user.id);
        person.suspended = false;
        worker.suspended = false;
        stats.lifted++;
      }
      sim.spawn(parisTime(day, 6), async () => {
        await workDay(worker, person.dice, dayFrame(person.dice, day), tasksOf(worker, person, day, campaign));
        if (person.dice.chance(EVENING_SHARE))
          await eveningAtHome(worker, person.dice, day, eveningOf(worker, person, day));
      });
    }
    await sim.run();
    workers.forEach((worker, i) => {
      if (worker.suspended) people[i]!.suspended = true;
    });
    options.onDay?.(day, index);
  }
  return workers;
}
