import { AppError } from '../../kernel/errors.js';
import { journal } from '../journal.js';
import { recordFailure, recordSuccess } from '../lockout.js';
import type { DevicePublicKey } from '../sessions/device-proof.js';
import { verifyTotp } from '../totp/index.js';
import { usableFactors } from './account-state.js';
import type { ClientContext, LoginDeps } from './deps.js';
import { continueMfaFlow, endFlow } from './flows.js';
import { openSession } from './open-session.js';

/**
 * The second step with a TOTP code. The code's time step is stored in the same transaction as
 * the session it opens, conditionally on being later than the last one used, so a code works
 * once even when two requests race (RFC 6238 §5.2). Failures count towards the lockout.
 */
export async function totpStep(
  deps: LoginDeps,
  input: { flowHandle: string | undefined; code: string; deviceKey: DevicePublicKey; client: ClientContext },
): Promise<{ cookie: string }> {
  const now = deps.clock.now();
  const { flow, state } = await continueMfaFlow(deps.db, input.flowHandle, now);
  const credential = usableFactors(state).totp ? await deps.vault.readTotpSecret(state.id) : null;
  const check = credential
    ? verifyTotp({ secret: credential.secret, code: input.code, at: now, lastUsedStep: credential.lastUsedStep })
    : ({ ok: false, reason: 'invalid' } as const);
  if (!check.ok) {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, state.id, now);
      await journal(deps.accessLog, tx, 'mfa.failed', { actorId: state.id, clientAddr: input.client.addr });
    });
    throw new AppError('MFA_INVALID', check.reason);
  }
  return deps.db.transaction(async (tx) => {
    const used = await tx.query(
      'UPDATE totp_credentials SET last_used_step = $2 WHERE account_id = $1 AND last_used_step < $2 RETURNING 1',
      [state.id, check.step],
    );
    if (used.rows.length === 0) throw new AppError('MFA_INVALID', 'replayed');
    await endFlow(tx, flow.id);
    await recordSuccess(tx, state.id);
    await journal(deps.accessLog, tx, 'login.succeeded', { actorId: state.id, clientAddr: input.client.addr });
    const session = await openSession(deps, tx, state, input.deviceKey, input.client, now);
    return { cookie: session.cookie };
  });
}
