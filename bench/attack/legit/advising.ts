import type { Dice } from '../dice.js';
import type { Worker } from '../worker.js';
import { think, type Task } from './day.js';
import { hasPage, hiddenValues, portfolioRows } from './pages.js';

/*
 * France Travail's advisor (« conseiller ») and their portfolio. Per working day:
 * - appointments ~ negative binomial, mean 7, dispersion 6 (a diary of 30–45 minute
 *   interviews, so little spread); for each, the job seeker found by their identifier (six in
 *   ten) or from the portfolio's list, their page opened, a referral page one time in seven
 *   and a referral sent six times in ten of those; ≈ 25 minutes with the person;
 * - the portfolio's first page at arrival, and the follow-up of referrals seven days in ten.
 * The advisor knows their people from their portfolio: on their first day they read it whole.
 */

/** What the advisor remembers of their portfolio: ids and France Travail identifiers. */
export type Portfolio = { id: string; franceTravailId: string }[];

async function readPortfolio(worker: Worker, known: Portfolio): Promise<void> {
  for (let page = 1; page <= 20; page++) {
    const answer = await worker.go('GET', `/conseiller?page=${page}`);
    if (!answer) return;
    for (const row of portfolioRows(answer.body)) if (!known.some((k) => k.id === row.id)) known.push(row);
    if (!hasPage(answer.body, page + 1)) return;
  }
}

async function appointment(worker: Worker, dice: Dice, known: Portfolio): Promise<void> {
  if (known.length === 0) return;
  const person = dice.pick(known);
  if (dice.chance(0.6)) {
    await worker.go('GET', '/conseiller/recherche');
    await worker.go('POST', '/conseiller/recherche', { identifiant: person.franceTravailId, nom: '', prenom: '' });
  } else {
    await worker.go('GET', `/conseiller?page=${1 + Math.floor(known.indexOf(person) / 20)}`);
  }
  await worker.go('GET', `/conseiller/demandeurs/${person.id}`);
  if (dice.chance(1 / 7)) {
    const page = await worker.go('GET', `/conseiller/demandeurs/${person.id}/orientation`);
    const sessions = page
      ? hiddenValues(page.body.replace(/name="session"\s+value=/g, 'name="session" value='), 'session')
      : [];
    if (sessions.length > 0 && dice.chance(0.6)) {
      await worker.go('POST', `/conseiller/demandeurs/${person.id}/orientation`, {
        session: dice.pick(sessions.slice(0, 5)),
        note: 'Projet validé en entretien.',
      });
    }
  }
  await think(worker, dice, 25, 1.3);
}

export function advisingTasks(worker: Worker, dice: Dice, known: Portfolio): Task[] {
  const tasks: Task[] = [
    async () => {
      if (known.length === 0) await readPortfolio(worker, known);
      else await worker.go('GET', '/conseiller');
    },
  ];
  if (dice.chance(0.7)) tasks.push(async () => void (await worker.go('GET', '/conseiller/suivi')));
  const appointments = dice.negBinomial(7, 6);
  for (let i = 0; i < appointments; i++) tasks.push(() => appointment(worker, dice, known));
  return tasks;
}

/** An evening at home: one or two files to prepare tomorrow's interviews. */
export function advisingEvening(worker: Worker, dice: Dice, known: Portfolio): Task[] {
  return Array.from({ length: 1 + dice.poisson(1) }, () => async () => {
    if (known.length === 0) return;
    await worker.go('GET', `/conseiller/demandeurs/${dice.pick(known).id}`);
    await think(worker, dice, 5);
  });
}
