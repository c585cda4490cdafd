import type { Tx } from '../../db/client.js';
import { journal } from '../journal.js';
import type { DevicePublicKey } from '../sessions/device-proof.js';
import { isStaffRole } from '../sessions/policy.js';
import { addressTag } from '../../crypto/address-tag.js';
import { agentLabel, createSession } from '../sessions/session-store.js';
import type { AccountState } from './account-state.js';
import type { ClientContext, LoginDeps } from './deps.js';

/**
 * Opens a session at the end of a login: a new id every time (no fixation), bound to the
 * device key the page made, journaled, and announced by e-mail when the browser is new to the
 * account or the account is staff (DESIGN.md promise 2; a hijacked account shows itself).
 */
export async function openSession(
  deps: LoginDeps,
  tx: Tx,
  state: AccountState,
  deviceKey: DevicePublicKey,
  client: ClientContext,
  mfaAt: Date | null,
): Promise<{ id: string; cookie: string }> {
  const now = deps.clock.now();
  const label = agentLabel(client.userAgent);
  const known = await tx.query('SELECT 1 FROM sessions WHERE account_id = $1 AND user_agent_label = $2 LIMIT 1', [
    state.id,
    label,
  ]);
  const session = await createSession(tx, {
    accountId: state.id,
    role: state.role,
    deviceKey,
    addrTag: addressTag(deps.addressTagKey, client.addr),
    userAgent: client.userAgent,
    mfaAt,
    now,
    random: deps.random,
  });
  await journal(deps.accessLog, tx, 'session.started', {
    actorId: state.id,
    sessionId: session.id,
    clientAddr: client.addr,
  });
  const when = now.toISOString();
  if (known.rows.length === 0) await deps.notify(tx, state.id, 'new_device_login', { when, device: label });
  else if (isStaffRole(state.role)) await deps.notify(tx, state.id, 'staff_new_session', { when, device: label });
  return session;
}
