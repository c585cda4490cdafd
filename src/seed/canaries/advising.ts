import { PORTFOLIO_PAGE_SIZE } from '../../advising/index.js';
import { addDays, daysBetween } from '../dates.js';
import { plantSpace, type CanaryDeps, type PlantOptions, type SpaceReport } from './plant.js';

/*
 * Advisors (France Travail, 2024: advisors' accounts exported 36.8 million files). An advisor
 * reaches the job seekers of their own portfolio, by its list (newest first, a page at a time)
 * or by an exact search (France Travail identifier, or nom and prénom). Each advisor whose
 * portfolio fills more than a page gets a canary job seeker followed since a date drawn between
 * the portfolio's oldest and its twentieth newest: somewhere past the first page, down to the
 * very last line, where only someone who goes through the portfolio page after page comes. Why
 * a list rather than a search alone: a canary that only its own identifier finds is never found,
 * since an attacker has no real file that holds it; one in the list stops the exporter that
 * goes through every page. Why never the first page: that is the advisor's daily list; a
 * portfolio only grows, with newer job seekers (nothing removes one from it), so the canary
 * never comes back to the first page. Its place is drawn, so that knowing this design tells an
 * attacker only to leave every page but the first alone.
 * Its identifier and compound surname are no real job seeker's, so an advisor's exact search
 * never finds it beside the person they look for. It has no referral: the follow-up list
 * (« Suivi des orientations ») never names it.
 */

interface Holder {
  holder: string;
  oldest: string;
  /** The twentieth newest `since`: a canary followed since before it is past the first page. */
  bound: string;
}

export async function plantAdvising(deps: CanaryDeps, options: PlantOptions): Promise<SpaceReport> {
  const { rows } = await deps.db.query<Holder>(
    `SELECT a.id AS holder, min(p.since)::text AS oldest,
       (SELECT b.since::text FROM portfolios b WHERE b.advisor_id = a.id ORDER BY b.since DESC OFFSET $1 - 1 LIMIT 1) AS bound
     FROM accounts a JOIN portfolios p ON p.advisor_id = a.id
     WHERE a.role = 'advisor' GROUP BY a.id HAVING count(*) >= $1 ORDER BY a.id`,
    [PORTFOLIO_PAGE_SIZE],
  );
  return plantSpace(deps, options, {
    space: 'advising',
    kind: 'job_seeker',
    holders: "SELECT count(*)::int AS n FROM accounts WHERE role = 'advisor'",
    eligible: rows,
    place: async (advisor, { tx, person, rng }) => {
      await tx.query('INSERT INTO portfolios (advisor_id, person_id, since) VALUES ($1, $2, $3)', [
        advisor.holder,
        person.id,
        addDays(advisor.bound, -rng.int(1, daysBetween(advisor.oldest, advisor.bound) + 30)),
      ]);
    },
  });
}

/** The advisors' space, left unplanted (see index.ts): what a report says of it. */
export async function advisingNotPlanted(deps: CanaryDeps): Promise<SpaceReport> {
  const { rows } = await deps.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM canary_plantings WHERE space = 'advising'",
  );
  return { planted: 0, present: rows[0]!.n, waiting: 0 };
}
