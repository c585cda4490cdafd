import type { Tx } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import { generateRecoveryCodes, hashRecoveryCode, storeRecoveryCodes } from '../recovery-codes.js';
import type { Session } from '../sessions/session-store.js';
import { afterMfaChange } from './mfa-changes.js';
import { newTotpSecret, totpUri, verifyTotp } from '../totp/index.js';
import type { AccountsDeps } from './staff-requests.js';

/**
 * Starts TOTP enrolment: a new secret, stored sealed and unconfirmed, or the one already pending
 * (so a wrong first code or a reload does not make the person scan again). An account that
 * already has a confirmed TOTP must remove it first (a change of MFA, which needs a step-up).
 */
export async function startTotpEnrolment(
  deps: AccountsDeps,
  accountId: string,
): Promise<{ secret: string; uri: string }> {
  const existing = await deps.vault.readTotpSecret(accountId);
  if (existing?.confirmedAt) throw new AppError('FORBIDDEN', 'totp already enrolled');
  const secret = existing?.secret ?? newTotpSecret(deps.random);
  if (!existing) await deps.vault.storeTotpSecret(accountId, secret);
  return { secret, uri: totpUri({ secret, label: 'rempart' }) };
}

/**
 * Confirms a pending TOTP with a first code, which proves the application holds the secret,
 * and stores ten recovery codes (shown once, kept hashed). Returns the codes.
 */
export async function confirmPendingTotp(deps: AccountsDeps, tx: Tx, accountId: string, code: string) {
  const now = deps.clock.now();
  const pending = await deps.vault.readTotpSecret(accountId, tx);
  if (!pending || pending.confirmedAt) throw new AppError('LOGIN_EXPIRED', 'no enrolment in progress');
  const check = verifyTotp({ secret: pending.secret, code, at: now, lastUsedStep: pending.lastUsedStep });
  if (!check.ok) throw new AppError('MFA_INVALID', check.reason);
  const confirmed = await tx.query(
    `UPDATE totp_credentials SET confirmed_at = $2, last_used_step = $3
     WHERE account_id = $1 AND confirmed_at IS NULL RETURNING 1`,
    [accountId, now, check.step],
  );
  if (confirmed.rows.length === 0) throw new AppError('LOGIN_EXPIRED', 'enrolment already confirmed');
  const recoveryCodes = generateRecoveryCodes(deps.random);
  await storeRecoveryCodes(tx, accountId, recoveryCodes.map(hashRecoveryCode));
  return recoveryCodes;
}

/**
 * Confirms enrolment from the account's own session, then does what every change of MFA does
 * (see afterMfaChange): other sessions ended, a new session id, a notice by e-mail, the journal.
 */
export async function confirmTotpEnrolment(
  deps: AccountsDeps,
  session: Session,
  code: string,
  clientAddr: string,
): Promise<{ recoveryCodes: string[]; cookie: string }> {
  return deps.db.transaction(async (tx) => {
    const recoveryCodes = await confirmPendingTotp(deps, tx, session.accountId, code);
    return { recoveryCodes, cookie: await afterMfaChange(deps, tx, session, 'totp_enabled', clientAddr) };
  });
}
