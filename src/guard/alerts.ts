import type { Queryable } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';

/** The kinds of alert raised today; the guard issue adds its own. */
export type AlertKind =
  'audit.chain_broken' | 'audit.checkpoints_missing' | 'guard.canary_read' | 'guard.suspended' | 'guard.step_up';

/**
 * Opens a security alert for the officers, unless one of the same kind (and the same `about`,
 * when given: one account's, whose id `compte` the alert is then filed under) is still open: a check that fails every minute must not bury the
 * console under copies. `detail` holds ids, numbers and French text only, never personal data.
 * Returns whether a new alert was opened.
 */
export async function raiseAlert(
  q: Queryable,
  deps: { clock: Clock; random: Random },
  kind: AlertKind,
  detail: Record<string, string | number>,
  about: Record<string, string> = {},
): Promise<boolean> {
  const { rows } = await q.query(
    `INSERT INTO security_alerts (id, kind, raised_at, detail, account_id)
     SELECT $1, $2, $3, $4::jsonb, $6::uuid
     WHERE NOT EXISTS (SELECT 1 FROM security_alerts WHERE kind = $2 AND status = 'open' AND detail @> $5::jsonb)
     RETURNING id`,
    [deps.random.uuid(), kind, deps.clock.now(), JSON.stringify(detail), JSON.stringify(about), about.compte ?? null],
  );
  return rows.length > 0;
}
