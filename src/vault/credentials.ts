import type { Queryable } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import { openCell, sealCell } from './codec.js';

/**
 * TOTP secrets are shared secrets: a database reader who had them could mint codes. They are
 * sealed like personal data, bound to their account's row, and only this module opens them.
 */
export interface TotpCredential {
  secret: string;
  confirmedAt: Date | null;
  lastUsedStep: number;
}

/** Stores a new, unconfirmed secret for an account, replacing any previous one. */
export async function storeTotpSecret(deps: { keyring: Keyring }, q: Queryable, accountId: string, secret: string) {
  await q.query(
    `INSERT INTO totp_credentials (account_id, secret_enc, confirmed_at, last_used_step) VALUES ($1, $2, NULL, 0)
     ON CONFLICT (account_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, confirmed_at = NULL, last_used_step = 0,
       created_at = now()`,
    [accountId, sealCell(deps.keyring, 'totp_credentials', 'secret_enc', accountId, secret)],
  );
}

export async function readTotpSecret(
  deps: { keyring: Keyring },
  q: Queryable,
  accountId: string,
): Promise<TotpCredential | null> {
  const { rows } = await q.query<{ secret_enc: Uint8Array; confirmed_at: Date | null; last_used_step: number }>(
    'SELECT secret_enc, confirmed_at, last_used_step FROM totp_credentials WHERE account_id = $1',
    [accountId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    secret: openCell(deps.keyring, 'totp_credentials', 'secret_enc', accountId, row.secret_enc),
    confirmedAt: row.confirmed_at,
    lastUsedStep: row.last_used_step,
  };
}
