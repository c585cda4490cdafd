import { AppError } from '../../kernel/errors.js';
import { journal } from '../journal.js';
import { recordSuccess } from '../lockout.js';
import { authenticationOptions, verifyPasskey } from '../passkeys/passkeys.js';
import type { RelyingParty } from '../passkeys/relying-party.js';
import type { DevicePublicKey } from '../sessions/device-proof.js';
import { loadAccountState } from './account-state.js';
import type { ClientContext, LoginDeps } from './deps.js';
import { endFlow, findFlow } from './flows.js';
import { openSession } from './open-session.js';

/**
 * Options for a login by passkey. After a correct password (an `mfa` flow in progress) only
 * that account's passkeys are offered; without one, the login needs no password at all and the
 * authenticator offers the passkeys it holds for us.
 */
export async function passkeyLoginOptions(deps: LoginDeps, rp: RelyingParty, mfaFlowHandle: string | undefined) {
  const mfaFlow = await findFlow(deps.db, mfaFlowHandle, 'mfa', deps.clock.now());
  return authenticationOptions(deps, rp, { accountId: mfaFlow?.accountId ?? null, kind: 'passkey_login' });
}

/**
 * A login by passkey, as a second step or alone. A passkey with user verification is two
 * factors in one (the device, and the PIN or biometric that unlocks it: NIST SP 800-63B-4
 * §3.1.7), so it satisfies every role's policy. It cannot be guessed, so the password lockout
 * does not apply to it: a person whose password is being attacked can still come in. A
 * passwordless login does not reset the password's failure count; a second step does, as TOTP.
 */
export async function passkeyLoginStep(
  deps: LoginDeps,
  rp: RelyingParty,
  input: {
    flowHandle: string | undefined;
    mfaFlowHandle: string | undefined;
    response: unknown;
    deviceKey: DevicePublicKey;
    client: ClientContext;
  },
): Promise<{ cookie: string }> {
  const now = deps.clock.now();
  const proven = await verifyPasskey(deps, rp, {
    flowHandle: input.flowHandle,
    kind: 'passkey_login',
    response: input.response,
  }).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === 'PASSKEY_INVALID') {
      await deps.db.transaction((tx) =>
        journal(deps.accessLog, tx, 'mfa.failed', { actorId: null, clientAddr: input.client.addr }),
      );
    }
    throw error;
  });
  return deps.db.transaction(async (tx) => {
    const state = await loadAccountState(tx, proven.accountId);
    if (!state || state.status !== 'active') throw new AppError('PASSKEY_INVALID', 'inactive account');
    const mfaFlow = await findFlow(tx, input.mfaFlowHandle, 'mfa', now);
    if (mfaFlow?.accountId === state.id) {
      await endFlow(tx, mfaFlow.id);
      await recordSuccess(tx, state.id);
    }
    await journal(deps.accessLog, tx, 'login.succeeded', { actorId: state.id, clientAddr: input.client.addr });
    const session = await openSession(deps, tx, state, input.deviceKey, input.client, now);
    return { cookie: session.cookie };
  });
}
