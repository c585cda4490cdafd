import type { AccessLog } from '../audit/types.js';
import type { Tx } from '../db/client.js';

/** The authentication events the security journal records. */
export type SecurityEvent =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'login.suspended'
  | 'mfa.enrolled'
  | 'mfa.removed'
  | 'mfa.failed'
  | 'mfa.step_up'
  | 'password.changed'
  | 'password.reset_requested'
  | 'session.started'
  | 'session.ended'
  | 'session.moved'
  | 'session.move_held'
  | 'account.requested'
  | 'account.approved'
  | 'account.rejected'
  | 'account.withdrawn'
  | 'account.suspended'
  | 'account.reactivation_requested'
  | 'account.reactivated'
  | 'account.registered'
  | 'account.email_verified'
  | 'account.invitation_reissued'
  | 'guard.switch_set'
  | 'guard.switch_lift_requested'
  | 'guard.switch_lifted'
  | 'guard.alert_confirmed'
  | 'guard.alert_dismissed';

/**
 * The security journal shares the access log's hash chain, signed checkpoints and verifier:
 * an authentication event is an entry whose action starts with `auth.`, with the account
 * concerned as actor (or none, for an unknown e-mail) and no personal data.
 */
export async function journal(
  accessLog: AccessLog,
  tx: Tx,
  event: SecurityEvent,
  details: { actorId: string | null; sessionId?: string | null; clientAddr?: string | null; subjectId?: string | null },
): Promise<void> {
  await accessLog.append(tx, {
    actorId: details.actorId,
    sessionId: details.sessionId ?? null,
    action: `auth.${event}`,
    purpose: details.subjectId ? `account:${details.subjectId}` : 'security',
    people: [],
    fields: [],
    clientAddr: details.clientAddr ?? null,
  });
}
