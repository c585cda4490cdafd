import type { Queryable } from '../db/client.js';

/*
 * Login throttling. CNIL délib. 2022-100 asks that password authentication be protected by a
 * temporisation after failed attempts and a blocking of the account; CNIL SAN-2026-003 (France
 * Travail, €5 M) found a lockout after 50 attempts insufficient. rempart delays from the 4th
 * recent failure, locks at the 10th, and throttles each client address on its own, since
 * spraying one password over many accounts never trips a per-account counter. Old failures age
 * out, so that a stranger guessing slowly cannot keep the owner locked out (docs/passwords.md §6).
 */

/** Consecutive failures that lock the account (the issue: at most 10). */
export const LOCK_AFTER = 10;
/** How long a lock lasts. */
export const LOCK_DURATION_MS = 15 * 60_000;
/**
 * One failure is forgotten for every full six minutes since the last one. A paced guesser
 * therefore gets about ten tries an hour at most, and anyone slower never locks the account:
 * after a lock (15 min) two failures are already forgotten, so one more guess cannot lock again.
 */
export const FORGET_EVERY_MS = 6 * 60_000;
/** Failures allowed without any delay (typos happen). */
const FREE_FAILURES = 3;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/** Failures from one address within the window that throttle it. */
export const ADDRESS_MAX_FAILURES = 20;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

export type Gate = { allowed: true } | { allowed: false; retryAfterMs: number; reason: 'delay' | 'locked' };

/**
 * The wait imposed after `consecutiveFailures` failures: none for the first three, then 1 s,
 * 2 s, 4 s… doubling up to 60 s.
 */
export function accountDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (consecutiveFailures - FREE_FAILURES - 1), MAX_DELAY_MS);
}

/**
 * Whether the account may try a password now: not while locked, nor before the delay its last
 * failure earned has passed. A refused attempt must get the same answer as a wrong password.
 */
export function evaluateAccount(state: {
  failedLogins: number;
  lastFailedAt: Date | null;
  lockedUntil: Date | null;
  now: Date;
}): Gate {
  const now = state.now.getTime();
  if (state.lockedUntil && state.lockedUntil.getTime() > now) {
    return { allowed: false, retryAfterMs: state.lockedUntil.getTime() - now, reason: 'locked' };
  }
  const delay = accountDelayMs(state.failedLogins);
  const until = state.lastFailedAt ? state.lastFailedAt.getTime() + delay : 0;
  if (until > now) return { allowed: false, retryAfterMs: until - now, reason: 'delay' };
  return { allowed: true };
}

/**
 * Counts one more failure on top of those not yet forgotten (the stored count less one for every
 * full `FORGET_EVERY_MS` since the last failure), and locks the account for `LOCK_DURATION_MS`
 * when they reach `LOCK_AFTER`: never more than ten tries in a burst (CNIL 2022-100). Returns
 * the new state (null: no such account), e.g. to tell the owner.
 */
export async function recordFailure(
  q: Queryable,
  accountId: string,
  now: Date,
): Promise<{ failedLogins: number; lockedUntil: Date | null } | null> {
  // FOR UPDATE makes a racing failure wait, then read the count this one wrote.
  const { rows } = await q.query<{ failed_logins: number; locked_until: Date | null }>(
    `WITH counted AS (
       SELECT id, GREATEST(0, failed_logins - COALESCE(
         floor(GREATEST(0, extract(epoch FROM ($2::timestamptz - last_failed_login_at))) * 1000 / $5),
         failed_logins))::int AS live
       FROM accounts WHERE id = $1 FOR UPDATE)
     UPDATE accounts a SET failed_logins = counted.live + 1, last_failed_login_at = $2,
       locked_until = CASE WHEN counted.live + 1 >= $3 THEN $4 WHEN a.locked_until > $2 THEN a.locked_until END
     FROM counted WHERE a.id = counted.id RETURNING a.failed_logins, a.locked_until`,
    [accountId, now, LOCK_AFTER, new Date(now.getTime() + LOCK_DURATION_MS), FORGET_EVERY_MS],
  );
  const row = rows[0];
  return row ? { failedLogins: row.failed_logins, lockedUntil: row.locked_until } : null;
}

/** Clears the count, delay and lock after a complete successful login or a password reset. */
export async function recordSuccess(q: Queryable, accountId: string): Promise<void> {
  await q.query(
    'UPDATE accounts SET failed_logins = 0, last_failed_login_at = NULL, locked_until = NULL WHERE id = $1',
    [accountId],
  );
}

/**
 * Notes a failed login from a network, given as its tag (`addressTag`: the address itself is
 * never stored); that network's expired rows go at the same time.
 */
export async function recordAddressFailure(q: Queryable, addrTag: Buffer, now: Date): Promise<void> {
  await q.query(
    `WITH expired AS (DELETE FROM login_failures WHERE addr_tag = $1 AND at <= $3)
     INSERT INTO login_failures (addr_tag, at) VALUES ($1, $2)`,
    [addrTag, now, new Date(now.getTime() - ADDRESS_WINDOW_MS)],
  );
}

/**
 * Whether a network (its tag) is throttled: `ADDRESS_MAX_FAILURES` failures or more within the
 * last `ADDRESS_WINDOW_MS`. `retryAfterMs` is when enough of them will have aged out.
 */
export async function addressThrottled(
  q: Queryable,
  addrTag: Buffer,
  now: Date,
): Promise<{ throttled: false } | { throttled: true; retryAfterMs: number }> {
  const since = new Date(now.getTime() - ADDRESS_WINDOW_MS);
  const { rows } = await q.query<{ at: Date }>(
    `SELECT at FROM login_failures WHERE addr_tag = $1 AND at > $2 AND at <= $3
     ORDER BY at DESC OFFSET $4 LIMIT 1`,
    [addrTag, since, now, ADDRESS_MAX_FAILURES - 1],
  );
  const oldestCounted = rows[0];
  if (!oldestCounted) return { throttled: false };
  return { throttled: true, retryAfterMs: new Date(oldestCounted.at).getTime() + ADDRESS_WINDOW_MS - now.getTime() };
}

/**
 * Deletes failures older than the window for every network: even as keyed hashes they point to
 * a network, kept no longer than they serve (GDPR art. 5(1)(e)). Run it periodically.
 */
export async function purgeLoginFailures(q: Queryable, now: Date): Promise<number> {
  const { affectedRows } = await q.query('DELETE FROM login_failures WHERE at <= $1', [
    new Date(now.getTime() - ADDRESS_WINDOW_MS),
  ]);
  return affectedRows;
}
