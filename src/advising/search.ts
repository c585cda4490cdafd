import type { DomainDeps } from '../domains.js';
import type { Actor, SearchCriteria } from '../vault/index.js';
import { personLine, type PersonLine } from './advising.presenter.js';
import { searchPortfolio } from './advising.purposes.js';
import { advisorOf } from './advisor.js';

/** What the advisor typed: a France Travail identifier, or a nom and a prénom. */
export type PortfolioQuery = { franceTravailId: string } | { lastName: string; firstName: string };

/**
 * Finds job seekers of the advisor's own portfolio by exact identifier or exact nom + prénom,
 * through the vault's blind indexes: a person outside the portfolio is never found, and the
 * answer for them is the answer for nobody. The search is logged with its breadth.
 */
export async function searchInPortfolio(
  deps: Pick<DomainDeps, 'vault'>,
  actor: Actor,
  query: PortfolioQuery,
): Promise<{ lines: PersonLine[]; capped: boolean }> {
  advisorOf(actor);
  const criteria: SearchCriteria =
    'franceTravailId' in query
      ? { franceTravailId: query.franceTravailId }
      : { name: { lastName: query.lastName, firstName: query.firstName } };
  const result = await deps.vault.search(actor, searchPortfolio, criteria);
  return { lines: result.records.map(personLine), capped: result.capped };
}
