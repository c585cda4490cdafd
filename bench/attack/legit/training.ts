import type { Dice } from '../dice.js';
import type { Worker } from '../worker.js';
import { think, type Task } from './day.js';
import { hasForm, hasPage, linkedIds } from './pages.js';

/*
 * Kairos, the training organisation's side. An OF user (« chargé·e de suivi ») follows the
 * trainees of the sessions they are in charge of: the organisation's current sessions (started,
 * or starting within two months, and not ended a month ago) are shared out between its users in
 * turn; the RGC (of_manager) sees them all and handles fewer files. Per working day
 * (docs/BENCHMARKS.md gives the reasons):
 * - the home page, « Mes sessions », and four days in five the declarations due;
 * - 1 + Poisson(1.2) of their sessions opened (its list of trainees, ten a page);
 * - trainee files opened ~ negative binomial, mean 8 (RGC: 4), dispersion 2 (quiet days and
 *   heavy ones: P90 ≈ 16, P99 ≈ 26), taken from the sessions opened;
 * - on each file, « Voir les coordonnées » three times in ten (RGC: two), a phone call of
 *   ≈ 5 minutes; the answer to a referral still waiting (accepted 85 %); an entry declared half
 *   the time the form offers one; ≈ 2.5 minutes on the file;
 * - the monthly attendance (Kairos's « assiduité »): over the first two working days of a month,
 *   every trainee of the user's started sessions is opened and the previous month's presence
 *   declared;
 * - one day in a hundred, a former trainee asks for an attestation: the session they followed
 *   (one where someone trained: an attestation is for a person who entered), ended one month
 *   to two years ago, is found in « Mes sessions » and one file opened;
 * - the RGC opens the accounts of the organisation one day in five.
 */

export interface SessionDates {
  id: string;
  startsOn: string;
  endsOn: string;
  /** Whether anyone trained in it (entered, then interrupted or exited): what the OF knows. */
  followed: boolean;
}

export interface TrainingPlan {
  /** This user's share of the organisation's current sessions: each `share`-th, from `offset`. */
  share: number;
  offset: number;
  manager: boolean;
  /** The organisation's sessions, as « Mes sessions » lists them with their dates. */
  sessions: SessionDates[];
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The sessions this person works on today. */
function mine(plan: TrainingPlan, day: string): SessionDates[] {
  const current = plan.sessions.filter((s) => s.startsOn <= addDays(day, 60) && s.endsOn >= addDays(day, -30));
  return plan.manager ? current : current.filter((_, i) => i % plan.share === plan.offset);
}

/** The referrals listed on a session's pages. */
async function traineesOf(worker: Worker, sessionId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 6; page++) {
    const answer = await worker.go('GET', `/organisme/sessions/${sessionId}${page > 1 ? `?page=${page}` : ''}`);
    if (!answer) break;
    ids.push(...linkedIds(answer.body, '/organisme/orientations/'));
    if (!hasPage(answer.body, page + 1)) break;
  }
  return ids;
}

function previousMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** One trainee's file: read, maybe the contact and a call, maybe an answer or a declaration. */
async function handleFile(worker: Worker, dice: Dice, referralId: string, contactChance: number): Promise<void> {
  const base = `/organisme/orientations/${referralId}`;
  const file = await worker.go('GET', base);
  if (!file) return;
  if (dice.chance(contactChance)) {
    await worker.go('POST', `${base}/coordonnees`);
    await think(worker, dice, 5, 1.7);
  }
  if (hasForm(file.body, `${base}/reponse`)) {
    await worker.go('POST', `${base}/reponse`, { decision: dice.chance(0.85) ? 'accept' : 'refuse' });
  } else if (hasForm(file.body, `${base}/entree`) && dice.chance(0.5)) {
    await worker.go('POST', `${base}/entree`, { on: worker.day });
  }
  await think(worker, dice, 2.5);
}

async function attendance(worker: Worker, dice: Dice, referralId: string): Promise<void> {
  const base = `/organisme/orientations/${referralId}`;
  const file = await worker.go('GET', base);
  if (file && hasForm(file.body, `${base}/presence`)) {
    await worker.go('POST', `${base}/presence`, {
      month: previousMonth(worker.day),
      daysPresent: String(dice.int(12, 21)),
    });
  }
  await think(worker, dice, 1, 1.5);
}

/** A former trainee's attestation: their old session found in « Mes sessions », one file read. */
async function attestation(worker: Worker, dice: Dice, plan: TrainingPlan): Promise<void> {
  const day = worker.day;
  const ended = plan.sessions.filter(
    (s) => s.followed && s.endsOn < addDays(day, -30) && s.endsOn >= addDays(day, -730),
  );
  if (ended.length === 0) return;
  const session = dice.pick(ended);
  for (let page = 1; page <= 5; page++) {
    const list = await worker.go('GET', `/organisme/sessions${page > 1 ? `?page=${page}` : ''}`);
    if (!list || linkedIds(list.body, '/organisme/sessions/').includes(session.id) || !hasPage(list.body, page + 1))
      break;
  }
  const trainees = await traineesOf(worker, session.id);
  if (trainees.length > 0) await worker.go('GET', `/organisme/orientations/${dice.pick(trainees)}`);
  await think(worker, dice, 6);
}

/** The day's tasks of an OF user or RGC; `campaign` is 1 or 2 on the month's first two working days. */
export function trainingTasks(
  worker: Worker,
  dice: Dice,
  plan: TrainingPlan,
  day: string,
  campaign: 0 | 1 | 2,
): Task[] {
  const sessions = mine(plan, day).map((s) => s.id);
  const tasks: Task[] = [
    async () => {
      await worker.go('GET', '/organisme');
      if (dice.chance(0.8)) await worker.go('GET', '/organisme/declarations');
      await worker.go('GET', '/organisme/sessions');
    },
  ];
  if (plan.manager && dice.chance(0.2)) tasks.push(async () => void (await worker.go('GET', '/gestion/comptes')));
  if (dice.chance(0.01)) tasks.push(() => attestation(worker, dice, plan));
  const visits = 1 + dice.poisson(1.2);
  const files = dice.negBinomial(plan.manager ? 4 : 8, 2);
  const contactChance = plan.manager ? 0.2 : 0.3;
  for (let v = 0; v < visits; v++) {
    const count = Math.floor(files / visits) + (v < files % visits ? 1 : 0);
    tasks.push(async () => {
      if (sessions.length === 0) return;
      const trainees = await traineesOf(worker, dice.pick(sessions));
      for (const referralId of dice.sample(trainees, count)) await handleFile(worker, dice, referralId, contactChance);
    });
  }
  if (campaign > 0 && !plan.manager) {
    const started = mine(plan, day).filter((s) => s.startsOn <= day);
    tasks.push(async () => {
      // Half of the user's started sessions on each of the two days.
      for (const [i, session] of started.entries()) {
        if (i % 2 !== campaign - 1) continue;
        for (const referralId of await traineesOf(worker, session.id)) await attendance(worker, dice, referralId);
      }
    });
  }
  return tasks;
}
