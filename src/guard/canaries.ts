import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import { applySuspension } from '../identity/accounts/suspensions.js';
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
    const detail = { compte: actor.accountId, role: actor.role, finalite: purpose, canaris: canaries };
    await deps.db.transaction(async (tx) => {
      // At the platform's level: over an RGC's suspension too, so the RGC may no longer lift it alone.
      await applySuspension(tx, deps, {
        accountId: actor.accountId,
        level: 'platform',
        by: null,
        reason: 'compromise_suspected',
      });
      // One open alert per account, whatever the number of reads that tripped the wire.
      await raiseAlert(tx, deps, 'guard.canary_read', detail, { compte: actor.accountId });
    });
  };
}
