import { AppError } from '../../kernel/errors.js';
import { addressTag } from '../../crypto/address-tag.js';
import { journal } from '../journal.js';
import { evaluateAccount, recordAddressFailure, recordFailure, recordSuccess } from '../lockout.js';
import type { DevicePublicKey } from '../sessions/device-proof.js';
import { loadAccountState, usableFactors, type AccountState } from './account-state.js';
import type { ClientContext, LoginDeps } from './deps.js';
import { startFlow } from './flows.js';
import { openSession } from './open-session.js';
import { throttleAddress } from './throttle.js';

export type PasswordStepResult =
  | { next: 'session'; cookie: string }
  | { next: 'mfa'; flow: string; factors: { passkey: boolean; totp: boolean } }
  | { next: 'enrol'; accountId: string }
  | { next: 'suspended'; role: AccountState['role'] };

/**
 * The first step of a login. Every failure — unknown e-mail, wrong password, locked or delayed
 * account, inactive account — gives the same error after the same argon2id work, so nobody can
 * tell which addresses have an account (OWASP ASVS 5.0 V6.3.8).
 */
export async function passwordStep(
  deps: LoginDeps,
  input: { email: string; password: string; deviceKey: DevicePublicKey; client: ClientContext },
): Promise<PasswordStepResult> {
  const now = deps.clock.now();
  await throttleAddress(deps.db, addressTag(deps.addressTagKey, input.client.addr), now);
  const accountId = await deps.vault.findAccountIdByEmail(input.email);
  const state = accountId ? await loadAccountState(deps.db, accountId) : null;
  if (!state || !state.passwordHash) {
    await deps.passwords.verifyDummy(input.password);
    return fail(deps, null, input.client, now);
  }
  const gate = evaluateAccount({ ...state, now });
  if (!gate.allowed) {
    await deps.passwords.verifyDummy(input.password);
    return fail(deps, null, input.client, now, state.id);
  }
  const verified = await deps.passwords.verify(state.passwordHash, input.password);
  if (verified && state.status === 'suspended') {
    // Only someone who knows the password learns that the account is suspended and whom to ask:
    // everyone else gets the same answer as for a wrong password.
    await deps.db.transaction((tx) =>
      journal(deps.accessLog, tx, 'login.suspended', { actorId: state.id, clientAddr: input.client.addr }),
    );
    return { next: 'suspended', role: state.role };
  }
  if (!verified || state.status !== 'active') return fail(deps, state, input.client, now);
  const factors = usableFactors(state);
  if (factors.passkey || factors.totp) {
    // The failure count is reset only once the second factor passes, so a known password
    // cannot be used to reset the lockout while guessing TOTP codes.
    const flow = await startFlow(deps.db, { accountId: state.id, kind: 'mfa', now, random: deps.random });
    return { next: 'mfa', flow, factors };
  }
  if (state.requirement !== 'optional') return { next: 'enrol', accountId: state.id };
  return deps.db.transaction(async (tx) => {
    await recordSuccess(tx, state.id);
    await journal(deps.accessLog, tx, 'login.succeeded', { actorId: state.id, clientAddr: input.client.addr });
    const session = await openSession(deps, tx, state, input.deviceKey, input.client, null);
    return { next: 'session' as const, cookie: session.cookie };
  });
}

/** Counts the failure against the account (if known and not already locked) and the address. */
async function fail(
  deps: LoginDeps,
  state: AccountState | null,
  client: ClientContext,
  now: Date,
  lockedAccountId?: string,
): Promise<never> {
  await deps.db.transaction(async (tx) => {
    await recordAddressFailure(tx, addressTag(deps.addressTagKey, client.addr), now);
    if (state) await recordFailure(tx, state.id, now);
    const actorId = state?.id ?? lockedAccountId ?? null;
    const event = lockedAccountId ? 'login.locked' : 'login.failed';
    await journal(deps.accessLog, tx, event, { actorId, clientAddr: client.addr });
  });
  throw new AppError('INVALID_CREDENTIALS');
}
