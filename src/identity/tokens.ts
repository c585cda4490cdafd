import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';

/** What a single-use link is for; the database refuses any other purpose. */
export type TokenPurpose = 'verify_email' | 'invitation' | 'reset_password';

const HOUR_MS = 3600_000;

/** No link lives longer than a week, whatever the caller asks. */
export const MAX_TOKEN_TTL_MS = 7 * 24 * HOUR_MS;

/**
 * How long each kind of link lives from the moment it is minted, that is when its message is
 * delivered. The one source for the tokens, the messages and the pages that state a lifetime
 * (OWASP Forgot Password Cheat Sheet: a reset link must be short-lived).
 */
export const TOKEN_TTL_MS: Readonly<Record<TokenPurpose, number>> = {
  verify_email: 24 * HOUR_MS,
  reset_password: HOUR_MS,
  invitation: 3 * 24 * HOUR_MS,
};

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues a single-use token for a link sent by e-mail and returns it; only its SHA-256 is kept
 * (STYLE rule 7), so a copy of the database opens nothing. 32 random bytes, base64url. Any
 * unused token of the same purpose for the account stops working at once: only the newest
 * link is live (OWASP Forgot Password Cheat Sheet: single use, short lifetime).
 */
export async function issueToken(
  q: Queryable,
  input: { accountId: string; purpose: TokenPurpose; ttlMs: number; clock: Clock; random: Random },
): Promise<string> {
  if (!Number.isInteger(input.ttlMs) || input.ttlMs <= 0 || input.ttlMs > MAX_TOKEN_TTL_MS) {
    throw new RangeError('token lifetime out of bounds');
  }
  const now = input.clock.now();
  const token = input.random.bytes(TOKEN_BYTES).toString('base64url');
  // One statement, so no moment exists with two live links (both parts see the same snapshot).
  await q.query(
    `WITH superseded AS (
       UPDATE account_tokens SET expires_at = $5
       WHERE account_id = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $5
     )
     INSERT INTO account_tokens (token_hash, account_id, purpose, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [sha256(token), input.accountId, input.purpose, new Date(now.getTime() + input.ttlMs), now],
  );
  return token;
}

/**
 * Spends a token: the account it was issued to, or null when the token is malformed, unknown,
 * for another purpose, expired or already used (one answer for all, so none can be told apart).
 * A single guarded UPDATE, so two clicks racing on one link cannot both succeed. The lookup is
 * by hash: timing can at most reveal bits of a SHA-256 of 256 random bits, which open nothing.
 */
export async function consumeToken(
  q: Queryable,
  input: { token: string; purpose: TokenPurpose; clock: Clock },
): Promise<string | null> {
  if (!TOKEN_SHAPE.test(input.token)) return null;
  const now = input.clock.now();
  const { rows } = await q.query<{ account_id: string }>(
    `UPDATE account_tokens SET used_at = $3
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
     RETURNING account_id`,
    [sha256(input.token), input.purpose, now],
  );
  return rows[0]?.account_id ?? null;
}

/**
 * The account a live token names, without spending it: for a link whose page has several steps
 * (an invitation: a password, then a second factor), spent only when the last step succeeds.
 */
export async function peekToken(
  q: Queryable,
  input: { token: string; purpose: TokenPurpose; clock: Clock },
): Promise<string | null> {
  if (!TOKEN_SHAPE.test(input.token)) return null;
  const { rows } = await q.query<{ account_id: string }>(
    `SELECT account_id FROM account_tokens
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
    [sha256(input.token), input.purpose, input.clock.now()],
  );
  return rows[0]?.account_id ?? null;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
