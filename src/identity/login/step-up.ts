import { AppError } from '../../kernel/errors.js';
import { journal } from '../journal.js';
import { evaluateAccount, recordFailure } from '../lockout.js';
import { authenticationOptions, verifyPasskey } from '../passkeys/passkeys.js';
import type { RelyingParty } from '../passkeys/relying-party.js';
import { addressTag } from '../../crypto/address-tag.js';
import { settlePendingMove } from '../sessions/binding-move.js';
import { rotateSession, type Session } from '../sessions/session-store.js';
import { verifyTotp } from '../totp/index.js';
import { loadAccountState, usableFactors, type AccountState } from './account-state.js';
import type { ClientContext, LoginDeps } from './deps.js';

/**
 * A step-up proves, inside an open session, that the person at the keyboard still holds the
 * account's second factor, before a sensitive action (approving an account, changing MFA…).
 * It checks a passkey or a TOTP code; an account with neither (a citizen who never enrolled
 * one) re-enters its password. Success gives the session a new id and a fresh `mfa_at`, and
 * makes a move of the binding held for this very place (`binding-move.ts`).
 */
export type StepUpMethods = { passkey: boolean; totp: boolean; password: boolean };

export function stepUpMethods(state: AccountState): StepUpMethods {
  const factors = usableFactors(state);
  return { ...factors, password: !factors.passkey && !factors.totp && state.requirement === 'optional' };
}

async function liveState(deps: LoginDeps, session: Session): Promise<AccountState> {
  const state = await loadAccountState(deps.db, session.accountId);
  if (!state || state.status !== 'active') throw new AppError('SESSION_EXPIRED');
  return state;
}

export async function loadStepUpMethods(deps: LoginDeps, session: Session): Promise<StepUpMethods> {
  return stepUpMethods(await liveState(deps, session));
}

async function succeed(deps: LoginDeps, session: Session, client: ClientContext, step?: number): Promise<string> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (step !== undefined) {
      const used = await tx.query(
        'UPDATE totp_credentials SET last_used_step = $2 WHERE account_id = $1 AND last_used_step < $2 RETURNING 1',
        [session.accountId, step],
      );
      if (used.rows.length === 0) throw new AppError('MFA_INVALID', 'replayed');
    }
    const rotated = await rotateSession(tx, session, { mfaAt: now, now, random: deps.random });
    await journal(deps.accessLog, tx, 'mfa.step_up', {
      actorId: session.accountId,
      sessionId: rotated.id,
      clientAddr: client.addr,
    });
    const here = { ...client, addrTag: addressTag(deps.addressTagKey, client.addr) };
    await settlePendingMove(deps, tx, session, rotated.id, here, now);
    return rotated.cookie;
  });
}

async function fail(deps: LoginDeps, session: Session, clientAddr: string, reason: string): Promise<never> {
  await deps.db.transaction(async (tx) => {
    await recordFailure(tx, session.accountId, deps.clock.now());
    await journal(deps.accessLog, tx, 'mfa.failed', { actorId: session.accountId, sessionId: session.id, clientAddr });
  });
  throw new AppError('MFA_INVALID', reason);
}

/** A step-up by TOTP code or, for an account without a second factor, by password. */
export async function stepUpWithSecret(
  deps: LoginDeps,
  session: Session,
  input: { method: 'totp' | 'password'; value: string; client: ClientContext },
): Promise<{ cookie: string }> {
  const now = deps.clock.now();
  const state = await liveState(deps, session);
  if (!evaluateAccount({ ...state, now }).allowed) throw new AppError('MFA_INVALID', 'locked');
  const methods = stepUpMethods(state);
  if (input.method === 'password') {
    const ok = methods.password && state.passwordHash && (await deps.passwords.verify(state.passwordHash, input.value));
    if (!ok) return fail(deps, session, input.client.addr, 'password');
    return { cookie: await succeed(deps, session, input.client) };
  }
  const credential = methods.totp ? await deps.vault.readTotpSecret(state.id) : null;
  const check = credential
    ? verifyTotp({ secret: credential.secret, code: input.value, at: now, lastUsedStep: credential.lastUsedStep })
    : ({ ok: false, reason: 'invalid' } as const);
  if (!check.ok) return fail(deps, session, input.client.addr, check.reason);
  return { cookie: await succeed(deps, session, input.client, check.step) };
}

export function stepUpPasskeyOptions(deps: LoginDeps, rp: RelyingParty, session: Session) {
  return authenticationOptions(deps, rp, { accountId: session.accountId, kind: 'step_up' });
}

/** A step-up by one of the account's own passkeys (the flow names the account). */
export async function stepUpWithPasskey(
  deps: LoginDeps,
  rp: RelyingParty,
  session: Session,
  input: { flowHandle: string | undefined; response: unknown; client: ClientContext },
): Promise<{ cookie: string }> {
  const proven = await verifyPasskey(deps, rp, {
    flowHandle: input.flowHandle,
    kind: 'step_up',
    response: input.response,
  });
  if (proven.accountId !== session.accountId) throw new AppError('PASSKEY_INVALID', 'other account');
  return { cookie: await succeed(deps, session, input.client) };
}
