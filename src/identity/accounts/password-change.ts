import { journal } from '../journal.js';
import { recordFailure } from '../lockout.js';
import { loadAccountState } from '../login/account-state.js';
import { checkPassword, type PasswordProblem } from '../passwords/index.js';
import { endAccountSessions, rotateSession, type Session } from '../sessions/session-store.js';
import type { AccountsDeps } from './staff-requests.js';

export type PasswordChangeResult =
  | { ok: true; cookie: string }
  | { ok: false; reason: 'current' }
  | { ok: false; reason: 'policy'; problems: PasswordProblem[] };

/**
 * Changes the password from the account's own session: the current one must be given (a
 * borrowed session alone cannot take the account over), the new one meets the CNIL rules. The
 * other sessions end, this one gets a new id, the owner is told by e-mail and the journal
 * records it. A wrong current password counts as a failed login.
 */
export async function changePassword(
  deps: AccountsDeps,
  session: Session,
  input: { current: string; next: string; clientAddr: string },
): Promise<PasswordChangeResult> {
  const state = await loadAccountState(deps.db, session.accountId);
  const valid = !!state?.passwordHash && (await deps.passwords.verify(state.passwordHash, input.current));
  if (!valid) {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, session.accountId, deps.clock.now());
      await journal(deps.accessLog, tx, 'login.failed', {
        actorId: session.accountId,
        sessionId: session.id,
        clientAddr: input.clientAddr,
      });
    });
    return { ok: false, reason: 'current' };
  }
  const problems = checkPassword(input.next);
  if (problems.length > 0) return { ok: false, reason: 'policy', problems };
  const hash = await deps.passwords.hash(input.next);
  const now = deps.clock.now();
  const cookie = await deps.db.transaction(async (tx) => {
    await tx.query('UPDATE accounts SET password_hash = $2, password_changed_at = $3 WHERE id = $1', [
      session.accountId,
      hash,
      now,
    ]);
    await endAccountSessions(tx, session.accountId, 'password_changed', now, session.id);
    const rotated = await rotateSession(tx, session, { mfaAt: session.mfaAt, now, random: deps.random });
    await deps.notify(tx, session.accountId, 'password_changed', { when: now.toISOString() });
    await journal(deps.accessLog, tx, 'password.changed', {
      actorId: session.accountId,
      sessionId: rotated.id,
      clientAddr: input.clientAddr,
    });
    return rotated.cookie;
  });
  return { ok: true, cookie };
}
