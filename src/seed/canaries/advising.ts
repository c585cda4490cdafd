import { PORTFOLIO_PAGE_SIZE } from '../../advising/index.js';
import { addDays } from '../dates.js';
import { plantSpace, type CanaryDeps, type PlantOptions, type SpaceReport } from './plant.js';

/*
 * Advisors (France Travail, 2024: advisors' accounts exported 36.8 million files). An advisor
 * reaches the job seekers of their own portfolio, by its list (newest first, a page at a time)
 * or by an exact search (France Travail identifier, or nom and prénom). Each advisor whose
 * portfolio fills more than a page gets a canary job seeker followed since before anyone else
 * in it: the very last line of the portfolio's last page, which only someone who goes through
 * the whole portfolio opens. Why this place rather than a search alone: a canary that only its
 * own identifier finds is never found, since an attacker has no real file that holds it; one at
 * the end of the list stops the exporter that goes through every page. Why never the first
 * page: that is the advisor's daily list, hence the page-size condition; a portfolio only grows
 * (nothing removes a job seeker from it), so the canary never comes back to the first page.
 * Its identifier and compound surname are no real job seeker's, so an advisor's exact search
 * never finds it beside the person they look for. It has no referral: the follow-up list
 * (« Suivi des orientations ») never names it.
 */

interface Holder {
  holder: string;
  oldest: string;
}

export async function plantAdvising(deps: CanaryDeps, options: PlantOptions): Promise<SpaceReport> {
  const { rows } = await deps.db.query<Holder>(
    `SELECT a.id AS holder, min(p.since)::text AS oldest FROM accounts a JOIN portfolios p ON p.advisor_id = a.id
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
        addDays(advisor.oldest, -rng.int(30, 400)),
      ]);
    },
  });
}
