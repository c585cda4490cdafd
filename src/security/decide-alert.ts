import type { DomainDeps } from '../domains.js';
import { journal } from '../identity/journal.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { officerOf } from './officer.js';

export type AlertDecision = 'confirmed' | 'dismissed';

/**
 * An officer's decision on an open alert: confirmed (a real incident, to be handled) or
 * dismissed (a false alarm), with who decided and when, and an entry in the security journal
 * in the same transaction (the access log's chain). An alert already decided, or none, is
 * NOT_FOUND; an alert about the officer's own account is another officer's to decide, since a
 * hijacked officer account would otherwise dismiss the alarm it raised.
 * Returns the account the alert was about, if any.
 */
export async function decideAlert(
  deps: Pick<DomainDeps, 'db' | 'clock' | 'accessLog'>,
  actor: Actor,
  alertId: string,
  decision: AlertDecision,
): Promise<string | null> {
  const officer = officerOf(actor);
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ account_id: string | null }>(
      "SELECT account_id FROM security_alerts WHERE id = $1 AND status = 'open' FOR UPDATE",
      [alertId],
    );
    const alert = rows[0];
    if (!alert) throw new AppError('NOT_FOUND');
    if (alert.account_id === officer.accountId) throw new AppError('FORBIDDEN', 'own alert');
    await tx.query('UPDATE security_alerts SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1', [
      alertId,
      decision,
      officer.accountId,
      deps.clock.now(),
    ]);
    await journal(deps.accessLog, tx, decision === 'confirmed' ? 'guard.alert_confirmed' : 'guard.alert_dismissed', {
      actorId: officer.accountId,
      sessionId: officer.sessionId,
      clientAddr: officer.clientAddr,
      subjectId: alert.account_id,
    });
    return alert.account_id;
  });
}
