import type { DomainDeps } from '../domains.js';
import { AppError, isAppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { parisDay } from '../kernel/clock.js';
import { offsetOf, SESSIONS_PER_PAGE, pagesOf } from './advising.policy.js';
import { sessionChoice, type SessionChoiceView } from './advising.presenter.js';
import { referJobSeeker } from './advising.purposes.js';
import { alreadyReferred, inPortfolio, openSession, openSessions } from './advising.repo.js';
import { advisorOf } from './advisor.js';

/** The sessions a job seeker may be referred to, found by words and département, a page at a time. */
export async function findSessions(
  deps: Pick<DomainDeps, 'db' | 'clock'>,
  filter: { texte?: string; departement?: string; page: number },
): Promise<{ sessions: SessionChoiceView[]; total: number; pages: number }> {
  const words = (filter.texte ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  const { sessions, total } = await openSessions(deps.db, {
    words,
    departement: filter.departement,
    today: parisDay(deps.clock.now()),
    limit: SESSIONS_PER_PAGE,
    offset: offsetOf(filter.page, SESSIONS_PER_PAGE),
  });
  return { sessions: sessions.map(sessionChoice), total, pages: pagesOf(total, SESSIONS_PER_PAGE) };
}

/** Why a referral was not made, in terms the form shows next to the session field. */
export type ReferralProblem = 'session_closed' | 'session_full' | 'already_referred';

/**
 * Refers a job seeker of the advisor's portfolio to a session that is not over, with a note for
 * the training organisation, as the advisor: one write through the vault, whose scope refuses a
 * person outside the portfolio (answered NOT_FOUND, as a person who does not exist).
 */
export async function referToSession(
  deps: Pick<DomainDeps, 'db' | 'vault' | 'clock' | 'random'>,
  actor: Actor,
  input: { personId: string; sessionId: string; note: string | undefined },
): Promise<{ referralId: string } | { problem: ReferralProblem }> {
  const advisorId = advisorOf(actor);
  const now = deps.clock.now();
  // Before anything else, so that nothing about a person outside the portfolio shows in the answer.
  if (!(await inPortfolio(deps.db, advisorId, input.personId))) throw new AppError('NOT_FOUND');
  const session = await openSession(deps.db, input.sessionId, parisDay(now));
  if (!session) return { problem: 'session_closed' };
  // A proposal to a session whose every seat is held could only be refused by the organisation.
  if (session.seatsTaken >= session.capacity) return { problem: 'session_full' };
  if (await alreadyReferred(deps.db, input.sessionId, input.personId)) return { problem: 'already_referred' };
  const referralId = deps.random.uuid();
  try {
    await deps.vault.write(actor, referJobSeeker, [
      {
        id: referralId,
        sessionId: input.sessionId,
        personId: input.personId,
        referredBy: advisorId,
        referredAt: now,
        note: input.note ?? null,
      },
    ]);
  } catch (error) {
    if (isAppError(error) && error.code === 'FORBIDDEN') throw new AppError('NOT_FOUND');
    // Two referrals at once to the same session: the unique constraint keeps one.
    if ((error as { code?: unknown }).code === '23505') return { problem: 'already_referred' };
    throw error;
  }
  return { referralId };
}
