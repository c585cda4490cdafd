import type { DomainDeps } from '../domains.js';
import type { Actor } from '../vault/index.js';
import { frenchDay } from '../ui/index.js';
import { eventLabel, offsetOf, PAGE_SIZE, pagesOf, type statusTone } from './advising.policy.js';
import { fullName, referralSummary } from './advising.presenter.js';
import { followPortfolio } from './advising.purposes.js';
import { followPage } from './advising.repo.js';
import { advisorOf } from './advisor.js';

/** One line of « Suivi des orientations ». */
export interface FollowLine {
  personId: string;
  name: string;
  session: string;
  organisation: string;
  dates: string;
  referredOn: string;
  status: string;
  tone: ReturnType<typeof statusTone>;
  lastDeclaration: string | null;
}

/**
 * The referrals of the advisor's portfolio, newest first, with their status and the last thing
 * the training organisation declared; the names through the vault, a page at a time.
 */
export async function followReferrals(
  deps: Pick<DomainDeps, 'db' | 'vault'>,
  actor: Actor,
  filter: { status?: string; page: number },
): Promise<{ lines: FollowLine[]; total: number; pages: number }> {
  const advisorId = advisorOf(actor);
  const { rows, total } = await followPage(deps.db, advisorId, {
    status: filter.status,
    limit: PAGE_SIZE,
    offset: offsetOf(filter.page),
  });
  const ids = [...new Set(rows.map((row) => row.personId))];
  const records =
    ids.length > 0 ? await deps.vault.read(actor, followPortfolio, ids, { fields: ['lastName', 'firstName'] }) : [];
  const names = new Map(records.map((record) => [record.id, fullName(record)]));
  const lines = rows.flatMap((row) => {
    const name = names.get(row.personId);
    if (!name) return [];
    return [
      {
        personId: row.personId,
        name,
        ...referralSummary(row),
        lastDeclaration: row.lastKind && row.lastOn ? `${eventLabel(row.lastKind)}, le ${frenchDay(row.lastOn)}` : null,
      },
    ];
  });
  return { lines, total, pages: pagesOf(total) };
}
