import { AppError } from '../../kernel/errors.js';
import { journal } from '../journal.js';
import { checkPassword, type PasswordProblem } from '../passwords/index.js';
import { endAccountSessions } from '../sessions/session-store.js';
import { consumeToken } from '../tokens.js';
import type { RequestGuards } from './request-guards.js';
import type { AccountsDeps } from './staff-requests.js';

/**
 * Asks for a reset link. The answer never says whether the address has an account, neither in
 * its words nor in its time: the same two counts are made for every address, then the lookup
 * and the message are queued to run after the answer (issue 8, item 5). Too many requests from
 * one client address answer 429 whatever the address asked about; past three an hour for one
 * address, requests are dropped without a word, as for an address with no account.
 */
export async function requestPasswordReset(
  deps: AccountsDeps & RequestGuards,
  email: string,
  clientAddr: string,
): Promise<void> {
  if (!(await deps.throttle.allow(deps.db, 'reset.client', clientAddr))) {
    throw new AppError('TOO_MANY_REQUESTS', 'reset requests from one address');
  }
  if (!(await deps.throttle.allow(deps.db, 'reset.target', email))) return;
  if (!deps.afterReply.push('password.reset', () => sendResetLink(deps, email, clientAddr))) {
    throw new AppError('SERVICE_UNAVAILABLE', 'after-reply queue full');
  }
}

/** Queues the reset message of an active account, if the address has one. */
async function sendResetLink(deps: AccountsDeps, email: string, clientAddr: string): Promise<void> {
  const accountId = await deps.vault.findAccountIdByEmail(email);
  if (!accountId) return;
  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query("SELECT 1 FROM accounts WHERE id = $1 AND status = 'active'", [accountId]);
    if (rows.length === 0) return;
    // The link is minted when the message is delivered: no live token rests in the outbox.
    await deps.notify(tx, accountId, 'reset_password', {});
    await journal(deps.accessLog, tx, 'password.reset_requested', { actorId: accountId, clientAddr });
  });
}

/**
 * Sets a new password from a reset link. It signs nobody in: the next login still asks for the
 * second factor, so a reset never bypasses MFA. Every session of the account ends, the lockout
 * count resets, and the owner is told by e-mail. Nobody can set another person's password:
 * only the holder of the link sent to the account's own address.
 */
export async function completePasswordReset(
  deps: AccountsDeps,
  input: { token: string; password: string; clientAddr: string },
): Promise<{ ok: true } | { ok: false; problems: PasswordProblem[] } | { ok: false; expired: true }> {
  const problems = checkPassword(input.password);
  if (problems.length > 0) return { ok: false, problems };
  const hash = await deps.passwords.hash(input.password);
  return deps.db.transaction(async (tx) => {
    const accountId = await consumeToken(tx, { token: input.token, purpose: 'reset_password', clock: deps.clock });
    if (!accountId) return { ok: false as const, expired: true as const };
    const now = deps.clock.now();
    await tx.query(
      `UPDATE accounts SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until = NULL
       WHERE id = $1`,
      [accountId, hash, now],
    );
    await endAccountSessions(tx, accountId, 'password_changed', now);
    await deps.notify(tx, accountId, 'password_changed', { when: now.toISOString() });
    await journal(deps.accessLog, tx, 'password.changed', { actorId: accountId, clientAddr: input.clientAddr });
    return { ok: true as const };
  });
}
