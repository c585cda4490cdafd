import type { Dice } from '../dice.js';
import type { Worker } from '../worker.js';
import { think, type Task } from './day.js';
import { hasPage, hiddenValues, linkedIds } from './pages.js';

/*
 * France Travail's advisor (« conseiller ») and their portfolio. Per working day:
 * - the portfolio's first page at arrival, and the follow-up of referrals seven days in ten;
 * - appointments ~ negative binomial, mean 7, dispersion 6 (a diary of 30–45 minute
 *   interviews, so little spread); for each, the job seeker is found by their France Travail
 *   identifier (six in ten), by nom and prénom (two in ten), or by going down the portfolio's
 *   list until their line (two in ten); their page opened; a referral page one time in seven and
 *   a referral sent six times in ten of those; ≈ 25 minutes with the person;
 * - the portfolio review (« revue de portefeuille ») about once a month (one day in 22): every
 *   page of the list.
 * The advisor knows whom they see from their diary: the people of their portfolio, with their
 * identifiers and names (the harness takes them from the seed's generator, not from the pages).
 */

/** The people of the advisor's portfolio, as their diary names them. */
export type Portfolio = { id: string; franceTravailId: string; lastName: string; firstName: string }[];

/** Goes down the portfolio's pages until `until` (a person's id) is listed, or to the end. */
async function browse(worker: Worker, until: string | null): Promise<void> {
  for (let page = 1; page <= 50; page++) {
    const answer = await worker.go('GET', `/conseiller?page=${page}`);
    if (!answer) return;
    if (until && linkedIds(answer.body, '/conseiller/demandeurs/').includes(until)) return;
    if (!hasPage(answer.body, page + 1)) return;
  }
}

async function appointment(worker: Worker, dice: Dice, diary: Portfolio): Promise<void> {
  if (diary.length === 0) return;
  const person = dice.pick(diary);
  const how = dice.weighted([
    ['identifier', 6],
    ['name', 2],
    ['list', 2],
  ] as const);
  if (how === 'list') {
    await browse(worker, person.id);
  } else {
    await worker.go('GET', '/conseiller/recherche');
    await worker.go(
      'POST',
      '/conseiller/recherche',
      how === 'identifier'
        ? { identifiant: person.franceTravailId, nom: '', prenom: '' }
        : { identifiant: '', nom: person.lastName, prenom: person.firstName },
    );
  }
  await worker.go('GET', `/conseiller/demandeurs/${person.id}`);
  if (dice.chance(1 / 7)) {
    const page = await worker.go('GET', `/conseiller/demandeurs/${person.id}/orientation`);
    const body = page?.body.replace(/name="session"\s+value=/g, 'name="session" value=') ?? '';
    const sessions = hiddenValues(body, 'session');
    if (sessions.length > 0 && dice.chance(0.6)) {
      await worker.go('POST', `/conseiller/demandeurs/${person.id}/orientation`, {
        session: dice.pick(sessions.slice(0, 5)),
        note: 'Projet validé en entretien.',
      });
    }
  }
  await think(worker, dice, 25, 1.3);
}

export function advisingTasks(worker: Worker, dice: Dice, diary: Portfolio): Task[] {
  const tasks: Task[] = [async () => void (await worker.go('GET', '/conseiller'))];
  if (dice.chance(0.7)) tasks.push(async () => void (await worker.go('GET', '/conseiller/suivi')));
  if (dice.chance(1 / 22)) tasks.push(() => browse(worker, null));
  const appointments = dice.negBinomial(7, 6);
  for (let i = 0; i < appointments; i++) tasks.push(() => appointment(worker, dice, diary));
  return tasks;
}

/** An evening at home: one or two files to prepare tomorrow's interviews. */
export function advisingEvening(worker: Worker, dice: Dice, diary: Portfolio): Task[] {
  return Array.from({ length: 1 + dice.poisson(1) }, () => async () => {
    if (diary.length === 0) return;
    await worker.go('GET', `/conseiller/demandeurs/${dice.pick(diary).id}`);
    await think(worker, dice, 5);
  });
}
