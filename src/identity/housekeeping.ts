import type { Queryable } from '../db/client.js';
import { purgeRequestCounts } from './accounts/request-throttle.js';
import { purgeLoginFailures } from './lockout.js';
import { pruneSpentNonces } from './sessions/spend-nonce.js';

/** How often the server runs `purgeIdentityState`. */
export const HOUSEKEEPING_EVERY_MS = 60_000;

/**
 * Deletes what identity keeps only for a while: logins and WebAuthn ceremonies past their ten
 * minutes, spent nonces that could no longer be fresh (a minute after they were spent),
 * failed-login addresses past the throttle's window (client addresses are personal data: GDPR
 * art. 5(1)(e)), the forms' request counts past their window, and single-use links a day after
 * they expired or were used.
 */
export async function purgeIdentityState(q: Queryable, now: Date) {
  const flows = await q.query('DELETE FROM login_flows WHERE expires_at <= $1', [now]);
  await pruneSpentNonces(q, now);
  const failures = await purgeLoginFailures(q, now);
  const counts = await purgeRequestCounts(q, now);
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const tokens = await q.query('DELETE FROM account_tokens WHERE expires_at <= $1 OR used_at <= $1', [dayAgo]);
  return { flows: flows.affectedRows, failures, counts, tokens: tokens.affectedRows };
}
