import { AppError } from '../../kernel/errors.js';
import { journal } from '../journal.js';
import { recordFailure, recordSuccess } from '../lockout.js';
import { consumeRecoveryCode } from '../recovery-codes.js';
import type { DevicePublicKey } from '../sessions/device-proof.js';
import type { ClientContext, LoginDeps } from './deps.js';
import { continueMfaFlow, endFlow } from './flows.js';
import { openSession } from './open-session.js';

/**
 * The second step with a single-use recovery code, for a lost authenticator. The code is spent
 * in the same transaction as the session it opens; failures count towards the lockout. A role
 * that must use a passkey cannot fall back on a code, which could be phished: its manager sends
 * a new invitation instead.
 */
export async function recoveryStep(
  deps: LoginDeps,
  input: { flowHandle: string | undefined; code: string; deviceKey: DevicePublicKey; client: ClientContext },
): Promise<{ cookie: string }> {
  const now = deps.clock.now();
  const { flow, state } = await continueMfaFlow(deps.db, input.flowHandle, now);
  const session = await deps.db.transaction(async (tx) => {
    if (state.requirement === 'passkey') return null;
    if (!(await consumeRecoveryCode(tx, state.id, input.code, now))) return null;
    await endFlow(tx, flow.id);
    await recordSuccess(tx, state.id);
    await journal(deps.accessLog, tx, 'login.succeeded', { actorId: state.id, clientAddr: input.client.addr });
    return openSession(deps, tx, state, input.deviceKey, input.client, now);
  });
  if (session) return { cookie: session.cookie };
  await deps.db.transaction(async (tx) => {
    await recordFailure(tx, state.id, now);
    await journal(deps.accessLog, tx, 'mfa.failed', { actorId: state.id, clientAddr: input.client.addr });
  });
  throw new AppError('MFA_INVALID', 'recovery code');
}
