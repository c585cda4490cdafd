import type { Dice } from '../dice.js';
import type { Worker } from '../worker.js';
import { think, type Task } from './day.js';
import { hasForm, hiddenValues, linkedIds } from './pages.js';

/*
 * Choisir le service public, the employer's side. Per working day:
 * - the home page and the applications list (new ones first seven times in ten; a second page
 *   four times in ten);
 * - applications opened ~ negative binomial, mean 8 for a recruiter and 4 for a recruiter
 *   manager, dispersion 2 (a triage day after an offer closes is in the tail: P99 ≈ 26); on
 *   each, the CV six times in ten, a change of status 35 %, a message 10 %; ≈ 4 minutes each;
 * - a recruiter manager searches the pool one day in three: 1 + Poisson(0.7) searches, each for
 *   a métier of the employer's own offers in the employer's région (seven in ten) or
 *   département, with English at B2 one time in five; Poisson(2) profiles opened from the first
 *   page, and the second page one time in five.
 */

export interface RecruitingPlan {
  manager: boolean;
  /** The métiers of the employer's offers, and where it recruits. */
  metiers: string[];
  region: string;
  departement: string;
}

async function handleApplication(worker: Worker, dice: Dice, id: string): Promise<void> {
  const base = `/recrutement/candidatures/${id}`;
  const page = await worker.go('GET', base);
  if (!page) return;
  if (hasForm(page.body, `${base}/cv`) && dice.chance(0.6)) await worker.go('POST', `${base}/cv`);
  if (hasForm(page.body, `${base}/statut`) && dice.chance(0.35)) {
    // A move the application's state does not allow is refused by the form, as for a person.
    const statut = dice.weighted([
      ['reviewing', 5],
      ['interview', 2],
      ['rejected', 3],
    ] as const);
    await worker.go(
      'POST',
      `${base}/statut`,
      statut === 'rejected' ? { statut, motif: 'profil_inadapte' } : { statut },
    );
  } else if (hasForm(page.body, `${base}/message`) && dice.chance(0.1)) {
    await worker.go('POST', `${base}/message`, { message: 'Bonjour, pourriez-vous préciser vos disponibilités ?' });
  }
  await think(worker, dice, 4);
}

async function poolSearch(worker: Worker, dice: Dice, plan: RecruitingPlan): Promise<void> {
  const query = new URLSearchParams({ poste: dice.pick(plan.metiers) });
  if (dice.chance(0.7)) query.set('region', plan.region);
  else query.set('departement', plan.departement);
  if (dice.chance(0.2)) {
    query.set('langue', 'en');
    query.set('niveau', 'B2');
  }
  const pages = dice.chance(0.2) ? 2 : 1;
  for (let page = 1; page <= pages; page++) {
    const results = await worker.go('GET', `/recrutement/vivier?${query}${page > 1 ? `&page=${page}` : ''}`);
    if (!results || results.status !== 200) return;
    await think(worker, dice, 2);
    for (const handle of dice.sample(hiddenValues(results.body, 'profil'), dice.poisson(2))) {
      await worker.go('POST', '/recrutement/vivier/profil', { profil: handle });
      await think(worker, dice, 3);
      // Back to the results (the browser's history): the page is shown again, a logged search.
      await worker.go('GET', `/recrutement/vivier?${query}${page > 1 ? `&page=${page}` : ''}`);
    }
  }
}

export function recruitingTasks(worker: Worker, dice: Dice, plan: RecruitingPlan): Task[] {
  let listed: string[] = [];
  const tasks: Task[] = [
    async () => {
      await worker.go('GET', '/recrutement');
      const filter = dice.chance(0.7) ? '?statut=submitted' : '';
      const first = await worker.go('GET', `/recrutement/candidatures${filter}`);
      listed = first ? linkedIds(first.body, '/recrutement/candidatures/') : [];
      if (dice.chance(0.4)) {
        const second = await worker.go('GET', `/recrutement/candidatures${filter ? `${filter}&` : '?'}page=2`);
        if (second) listed.push(...linkedIds(second.body, '/recrutement/candidatures/'));
      }
    },
  ];
  const opened = dice.negBinomial(plan.manager ? 4 : 8, 2);
  const chosen: string[] = [];
  for (let a = 0; a < opened; a++) {
    tasks.push(async () => {
      const left = listed.filter((id) => !chosen.includes(id));
      if (left.length === 0) return;
      const id = dice.pick(left);
      chosen.push(id);
      await handleApplication(worker, dice, id);
    });
  }
  if (plan.manager && plan.metiers.length > 0 && dice.chance(1 / 3)) {
    const searches = 1 + dice.poisson(0.7);
    for (let s = 0; s < searches; s++) tasks.push(() => poolSearch(worker, dice, plan));
  }
  return tasks;
}

/** An evening at home: a few applications read. */
export function recruitingEvening(worker: Worker, dice: Dice): Task[] {
  return [
    async () => {
      const list = await worker.go('GET', '/recrutement/candidatures?statut=submitted');
      const ids = list ? linkedIds(list.body, '/recrutement/candidatures/') : [];
      for (const id of dice.sample(ids, 1 + dice.poisson(2))) await handleApplication(worker, dice, id);
    },
  ];
}
