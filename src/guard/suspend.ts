import type { AccessLog } from '../audit/types.js';
import type { Db, Tx } from '../db/client.js';
import { applySuspension } from '../identity/accounts/suspensions.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { enqueueMail } from '../mail/outbox.js';
import type { SuspensionHandler } from '../vault/index.js';
import { raiseAlert } from './alerts.js';

/*
 * What happens when the guard suspends an account during one of its reads: the account read a
 * canary (a fake person planted where no legitimate task leads), or its signals' score crossed
 * the line (guard_decide, migrations 0021 and 0022). In one transaction, before the read
 * fails: the suspension at the platform's level (so its own RGC cannot lift it alone, and
 * lifting takes two people: src/identity/accounts/suspensions.ts), its sessions ended, the
 * journal told, an alert opened for the security officers, and an e-mail queued to its
 * organisation's account managers and to every security officer. If any of it fails, the read
 * fails all the same, and guard_decide has already marked the account suspended in the read's
 * own statement.
 */

export interface SuspendDeps {
  db: Db;
  clock: Clock;
  random: Random;
  accessLog: AccessLog;
}

/** The roles that manage an organisation's accounts and hear of their suspension. */
const MANAGERS = ['of_manager', 'recruiter_manager'];

export function guardSuspension(deps: SuspendDeps): SuspensionHandler {
  return async (actor, purpose, cause) => {
    await deps.db.transaction(async (tx) => {
      const changed = await applySuspension(tx, deps, {
        accountId: actor.accountId,
        level: 'platform',
        by: null,
        reason: 'compromise_suspected',
      });
      const about = { compte: actor.accountId };
      const opened =
        cause.kind === 'canary'
          ? await canaryAlert(tx, deps, actor, purpose, cause.canaries)
          : await raiseAlert(
              tx,
              deps,
              'guard.suspended',
              { ...about, role: actor.role, finalite: purpose, signaux: await recentKinds(tx, deps, actor.accountId) },
              about,
            );
      // One set of e-mails per suspension, not per read that bounced off it.
      if (changed || opened) await tellPeople(tx, deps, actor.accountId, actor.role);
    });
  };
}

async function canaryAlert(
  tx: Tx,
  deps: SuspendDeps,
  actor: { accountId: string; role: string },
  purpose: string,
  canaries: number,
): Promise<boolean> {
  await tx.query('SELECT guard_signal($1, $2, $3, $4::jsonb)', [
    actor.accountId,
    deps.clock.now(),
    'canary',
    JSON.stringify({ finalite: purpose, canaris: canaries }),
  ]);
  const detail = { compte: actor.accountId, role: actor.role, finalite: purpose, canaris: canaries };
  // One open alert per account, whatever the number of reads that tripped the wire.
  return raiseAlert(tx, deps, 'guard.canary_read', detail, { compte: actor.accountId });
}

/** The kinds of the account's signals of the last hour, for the alert: « budget, refused ». */
async function recentKinds(tx: Tx, deps: SuspendDeps, accountId: string): Promise<string> {
  // The platform's clock, not the database's: the signals were stamped with it.
  const { rows } = await tx.query<{ kinds: string | null }>(
    `SELECT string_agg(DISTINCT kind, ', ' ORDER BY kind) AS kinds FROM guard_signals
     WHERE account_id = $1 AND at > $2::timestamptz - interval '1 day'`,
    [accountId, deps.clock.now()],
  );
  return rows[0]?.kinds ?? '';
}

/** Queues the notice to the organisation's account managers and every security officer. */
async function tellPeople(tx: Tx, deps: SuspendDeps, accountId: string, role: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT r.id FROM accounts r JOIN accounts a ON a.id = $1
     WHERE r.status = 'active' AND r.id <> a.id AND (
       r.role = 'security_officer'
       OR (r.role = ANY($2::text[]) AND r.organisation_id = a.organisation_id))`,
    [accountId, MANAGERS],
  );
  const when = deps.clock.now().toISOString();
  for (const { id } of rows) {
    await enqueueMail(tx, {
      id: deps.random.uuid(),
      accountId: id,
      template: 'guard_suspension',
      params: { when, role },
      at: deps.clock.now(),
    });
  }
}
