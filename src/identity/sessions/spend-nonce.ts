import type { Queryable } from '../../db/client.js';
import { NONCE_LIFETIME_MS } from './nonce.js';

/**
 * Spends a nonce: true the first time, false ever after, so that each nonce serves one proof
 * and a proof, even one signed in advance, is accepted once (RFC 9449 §11.1). The primary key
 * decides between two requests that race.
 */
export async function spendNonce(q: Queryable, nonce: string, sessionId: string, now: Date): Promise<boolean> {
  const { rows } = await q.query(
    'INSERT INTO spent_nonces (nonce, session_id, spent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
    [nonce, sessionId, now],
  );
  return rows.length === 1;
}

/**
 * Forgets spent nonces that could no longer be fresh: a nonce is spent after it was issued, so
 * once `NONCE_LIFETIME_MS` has passed since it was spent, `nonceIsFresh` refuses it anyway.
 */
export async function pruneSpentNonces(q: Queryable, now: Date): Promise<number> {
  const { affectedRows } = await q.query('DELETE FROM spent_nonces WHERE spent_at < $1', [
    new Date(now.getTime() - NONCE_LIFETIME_MS),
  ]);
  return affectedRows;
}
