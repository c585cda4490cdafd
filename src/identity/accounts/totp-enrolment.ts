import { AppError } from '../../kernel/errors.js';
import { journal } from '../journal.js';
import { generateRecoveryCodes, hashRecoveryCode, storeRecoveryCodes } from '../recovery-codes.js';
import { endAccountSessions, type Session } from '../sessions/session-store.js';
import { newTotpSecret, totpUri, verifyTotp } from '../totp/index.js';
import type { AccountsDeps } from './staff-requests.js';

/**
 * Starts TOTP enrolment: a new secret, stored sealed and unconfirmed. An account that already
 * has a confirmed TOTP must remove it first (a change of MFA, which needs a step-up).
 */
export async function startTotpEnrolment(
  deps: AccountsDeps,
  session: Session,
): Promise<{ secret: string; uri: string }> {
  const existing = await deps.vault.readTotpSecret(session.accountId);
  if (existing?.confirmedAt) throw new AppError('FORBIDDEN', 'totp already enrolled');
  const secret = newTotpSecret(deps.random);
  await deps.vault.storeTotpSecret(session.accountId, secret);
  return { secret, uri: totpUri({ secret, label: 'rempart' }) };
}

/**
 * Confirms enrolment with a first code, which proves the application holds the secret. Then:
 * ten recovery codes (shown once, stored hashed), a notice by e-mail, the other sessions ended
 * (a change of MFA ends them), and an entry in the security journal.
 */
export async function confirmTotpEnrolment(
  deps: AccountsDeps,
  session: Session,
  code: string,
  clientAddr: string,
): Promise<{ recoveryCodes: string[] }> {
  const now = deps.clock.now();
  const pending = await deps.vault.readTotpSecret(session.accountId);
  if (!pending || pending.confirmedAt) throw new AppError('LOGIN_EXPIRED', 'no enrolment in progress');
  const check = verifyTotp({ secret: pending.secret, code, at: now, lastUsedStep: pending.lastUsedStep });
  if (!check.ok) throw new AppError('MFA_INVALID', check.reason);
  const recoveryCodes = generateRecoveryCodes(deps.random);
  await deps.db.transaction(async (tx) => {
    await tx.query(
      'UPDATE totp_credentials SET confirmed_at = $2, last_used_step = $3 WHERE account_id = $1 AND confirmed_at IS NULL',
      [session.accountId, now, check.step],
    );
    await storeRecoveryCodes(tx, session.accountId, recoveryCodes.map(hashRecoveryCode));
    await endAccountSessions(tx, session.accountId, 'mfa_changed', now, session.id);
    await tx.query('UPDATE sessions SET mfa_at = $2 WHERE id = $1', [session.id, now]);
    await deps.notify(tx, session.accountId, 'mfa_changed', { change: 'totp_enabled', when: now.toISOString() });
    await journal(deps.accessLog, tx, 'mfa.enrolled', {
      actorId: session.accountId,
      sessionId: session.id,
      clientAddr,
    });
  });
  return { recoveryCodes };
}
