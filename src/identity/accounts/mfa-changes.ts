import type { Tx } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import type { MfaChange } from '../../mail/params.js';
import { journal } from '../journal.js';
import { loadAccountState } from '../login/account-state.js';
import { revokePasskey, storePasskey, verifyRegistration } from '../passkeys/passkeys.js';
import type { RelyingParty } from '../passkeys/relying-party.js';
import { endAccountSessions, rotateSession, type Session } from '../sessions/session-store.js';
import type { AccountsDeps } from './staff-requests.js';

/**
 * What every change of a second factor does, in the transaction that makes it: the other
 * sessions end (whoever else was in is out), this one gets a new id (a change of privilege),
 * the owner is told by e-mail, and the security journal records it. Returns the new cookie.
 */
export async function afterMfaChange(
  deps: AccountsDeps,
  tx: Tx,
  session: Session,
  change: MfaChange,
  clientAddr: string,
): Promise<string> {
  const now = deps.clock.now();
  await endAccountSessions(tx, session.accountId, 'mfa_changed', now, session.id);
  const rotated = await rotateSession(tx, session, { mfaAt: now, now, random: deps.random });
  await deps.notify(tx, session.accountId, 'mfa_changed', { change, when: now.toISOString() });
  const removed = change === 'passkey_removed' || change === 'totp_disabled';
  await journal(deps.accessLog, tx, removed ? 'mfa.removed' : 'mfa.enrolled', {
    actorId: session.accountId,
    sessionId: rotated.id,
    clientAddr,
  });
  return rotated.cookie;
}

/** Adds a passkey from a registration ceremony the account started (a step-up guards both). */
export async function addPasskey(
  deps: AccountsDeps,
  rp: RelyingParty,
  session: Session,
  input: { flowHandle: string | undefined; response: unknown; name: string; clientAddr: string },
): Promise<{ cookie: string }> {
  const passkey = await verifyRegistration(deps, rp, {
    flowHandle: input.flowHandle,
    accountId: session.accountId,
    response: input.response,
  });
  return deps.db.transaction(async (tx) => {
    await storePasskey(tx, passkey, input.name, deps.clock.now());
    return { cookie: await afterMfaChange(deps, tx, session, 'passkey_added', input.clientAddr) };
  });
}

/**
 * Whether the account keeps a factor its policy accepts once one is gone. A role that needs a
 * passkey must keep one; a role that needs MFA must keep a passkey or a TOTP; citizens may
 * remove everything.
 */
async function assertKeepsAFactor(tx: Tx, accountId: string, removing: 'passkey' | 'totp'): Promise<void> {
  const { rows } = await tx.query<{ passkeys: number }>(
    'SELECT count(*)::int AS passkeys FROM passkeys WHERE account_id = $1 AND revoked_at IS NULL',
    [accountId],
  );
  const state = await loadAccountState(tx, accountId);
  if (!state || state.requirement === 'optional') return;
  const passkeysLeft = rows[0]!.passkeys - (removing === 'passkey' ? 1 : 0);
  const totpLeft = removing === 'totp' ? false : state.hasTotp;
  const keeps = state.requirement === 'passkey' ? passkeysLeft > 0 : passkeysLeft > 0 || totpLeft;
  if (!keeps) throw new AppError('LAST_FACTOR');
}

export async function removePasskey(
  deps: AccountsDeps,
  session: Session,
  passkeyId: string,
  clientAddr: string,
): Promise<{ cookie: string }> {
  return deps.db.transaction(async (tx) => {
    // Locks the account's passkeys, so two removals cannot each leave "one other" behind.
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM passkeys WHERE account_id = $1 AND revoked_at IS NULL FOR UPDATE',
      [session.accountId],
    );
    // Another account's passkey is answered as if it did not exist.
    if (!rows.some((row) => row.id === passkeyId)) throw new AppError('NOT_FOUND');
    await assertKeepsAFactor(tx, session.accountId, 'passkey');
    if (!(await revokePasskey(tx, session.accountId, passkeyId, deps.clock.now()))) throw new AppError('NOT_FOUND');
    return { cookie: await afterMfaChange(deps, tx, session, 'passkey_removed', clientAddr) };
  });
}

/** Removes the TOTP application and, with it, the recovery codes that stood in for it. */
export async function removeTotp(
  deps: AccountsDeps,
  session: Session,
  clientAddr: string,
): Promise<{ cookie: string }> {
  return deps.db.transaction(async (tx) => {
    await tx.query('SELECT id FROM passkeys WHERE account_id = $1 AND revoked_at IS NULL FOR UPDATE', [
      session.accountId,
    ]);
    await assertKeepsAFactor(tx, session.accountId, 'totp');
    const removed = await tx.query('DELETE FROM totp_credentials WHERE account_id = $1 RETURNING 1', [
      session.accountId,
    ]);
    if (removed.rows.length === 0) throw new AppError('NOT_FOUND');
    await tx.query('DELETE FROM recovery_codes WHERE account_id = $1', [session.accountId]);
    return { cookie: await afterMfaChange(deps, tx, session, 'totp_disabled', clientAddr) };
  });
}
