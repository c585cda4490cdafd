import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import { journal } from '../identity/journal.js';
import { endAccountSessions } from '../identity/sessions/session-store.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import type { CanaryHandler } from '../vault/index.js';
import { raiseAlert } from './alerts.js';

/*
 * A canary is a fake person planted where no legitimate task leads. An account that reads one
 * behaves as the Kairos and Choisir le service public thieves did, going through records its
 * work does not need: it is suspended at once, at the platform's level (so its own manager
 * cannot lift it alone, and lifting takes two people: src/identity/accounts/suspensions.ts),
 * its sessions end, the journal records it and the security officers get an alert. All in one
 * transaction, before the read that tripped it returns: if any of it fails, the read fails.
 */

export interface CanaryDeps {
  db: Db;
  clock: Clock;
  random: Random;
  accessLog: AccessLog;
}

export function canaryTripwire(deps: CanaryDeps): CanaryHandler {
  return async (actor, purpose, canaries) => {
    const now = deps.clock.now();
    const alertDetail = { compte: actor.accountId, role: actor.role, finalite: purpose, canaris: canaries };
    await deps.db.transaction(async (tx) => {
      const open = await tx.query<{ id: string; level: string }>(
        'SELECT id, level FROM account_suspensions WHERE account_id = $1 AND lifted_at IS NULL FOR UPDATE',
        [actor.accountId],
      );
      const current = open.rows[0];
      if (current?.level === 'platform') {
        // Already stopped at the platform's level: no new suspension, one open alert at most.
        await raiseAlert(tx, deps, 'guard.canary_read', alertDetail, { compte: actor.accountId });
        return;
      }
      if (!current) {
        // Another read of the same account may have opened one meanwhile: it stands.
        await tx.query(
          `INSERT INTO account_suspensions (id, account_id, level, suspended_by, reason, suspended_at)
           VALUES ($1, $2, 'platform', NULL, 'compromise_suspected', $3) ON CONFLICT DO NOTHING`,
          [deps.random.uuid(), actor.accountId, now],
        );
      } else {
        // An RGC's suspension becomes the platform's: the RGC may no longer lift it alone.
        await tx.query(
          `UPDATE account_suspensions SET level = 'platform', suspended_by = NULL, reason = 'compromise_suspected',
             suspended_at = $2, lift_requested_by = NULL, lift_requested_at = NULL WHERE id = $1`,
          [current.id, now],
        );
      }
      await tx.query("UPDATE accounts SET status = 'suspended', suspended_at = $2, suspended_by = NULL WHERE id = $1", [
        actor.accountId,
        now,
      ]);
      await endAccountSessions(tx, actor.accountId, 'suspension', now);
      await journal(deps.accessLog, tx, 'account.suspended', { actorId: null, subjectId: actor.accountId });
      await raiseAlert(tx, deps, 'guard.canary_read', alertDetail, { compte: actor.accountId });
    });
  };
}
