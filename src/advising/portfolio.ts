import type { DomainDeps } from '../domains.js';
import type { Actor } from '../vault/index.js';
import { offsetOf, PAGE_SIZE, pagesOf, statusLabel } from './advising.policy.js';
import { personLine, type PersonLine } from './advising.presenter.js';
import { followPortfolio } from './advising.purposes.js';
import { portfolioPage } from './advising.repo.js';
import { advisorOf } from './advisor.js';
import { portfolioReferrals } from './referrals.repo.js';

/** A job seeker of the portfolio, with the status of their latest referral. */
export interface PortfolioLine extends PersonLine {
  since: string;
  latest: string | null;
}

/**
 * One page of the advisor's portfolio, newest first: the ids come from the advisor's own
 * portfolio, and the names through the vault (logged, charged to the advisor's read budget).
 */
export async function listPortfolio(
  deps: Pick<DomainDeps, 'db' | 'vault'>,
  actor: Actor,
  page: number,
): Promise<{ lines: PortfolioLine[]; total: number; pages: number }> {
  const advisorId = advisorOf(actor);
  const { people, total } = await portfolioPage(deps.db, advisorId, { limit: PAGE_SIZE, offset: offsetOf(page) });
  const ids = people.map((p) => p.personId);
  const [records, referrals] = await Promise.all([
    ids.length > 0
      ? deps.vault.read(actor, followPortfolio, ids, {
          fields: ['lastName', 'firstName', 'franceTravailId', 'registrationStatus'],
        })
      : [],
    portfolioReferrals(deps.db, advisorId, ids),
  ]);
  const byId = new Map(records.map((record) => [record.id, record]));
  const lines = people.flatMap(({ personId, since }) => {
    const record = byId.get(personId);
    if (!record) return [];
    // Referrals come newest first: the first one of a person is their latest.
    const latest = referrals.find((referral) => referral.personId === personId);
    return [{ ...personLine(record), since, latest: latest ? statusLabel(latest.status) : null }];
  });
  return { lines, total, pages: pagesOf(total) };
}
