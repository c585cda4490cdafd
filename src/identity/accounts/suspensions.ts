import type { Queryable, Tx } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import type { Actor, Role } from '../../vault/types.js';
import { journal } from '../journal.js';
import { endAccountSessions } from '../sessions/session-store.js';
import { mayManage, type AccountsDeps } from './staff-requests.js';

/*
 * Suspensions have a level. In the Missions Locales breach (Dec. 2025) the account manager's
 * own account was the hijacked one, so a manager alone must not undo what the platform's
 * people decided: a suspension made at the platform level (an admin or a security officer) is
 * lifted only at that level, and only by two people, one who asks and another who confirms,
 * as a staff account is approved (staff-requests.ts). An organisation's RGC suspends and lifts
 * its own users' suspensions alone, so that stopping a hijacked account stays one click.
 */

export type SuspensionLevel = 'platform' | 'organisation';

/**
 * Why an account was suspended. A closed list, not free text: the table sits outside the vault,
 * and a sentence about a person would lie there in clear (DESIGN.md promise 4).
 */
export const suspensionReasons = {
  compromise_suspected: 'Compte peut-être compromis (connexion ou consultation suspecte)',
  misuse: 'Usage non conforme aux missions du compte',
  investigation: 'Vérification en cours par la sécurité',
  departure: 'Départ ou changement de fonctions',
  holder_request: 'À la demande du titulaire du compte',
  unrecorded: 'Motif non enregistré (suspension antérieure ou automatique)',
} as const;

export type SuspensionReason = keyof typeof suspensionReasons;

/** The reasons a person may choose; `unrecorded` is for suspensions made before there were any. */
export const choosableReasons = Object.keys(suspensionReasons).filter(
  (reason) => reason !== 'unrecorded',
) as SuspensionReason[];

type AccountActor = Extract<Actor, { kind: 'account' }>;

/** The level an actor suspends and lifts at; null for anyone who may do neither. */
export function suspensionLevel(actor: Actor): SuspensionLevel | null {
  if (actor.kind !== 'account') return null;
  if (actor.role === 'admin' || actor.role === 'security_officer') return 'platform';
  return actor.role === 'of_manager' ? 'organisation' : null;
}

/** The actor as a person with a level, or FORBIDDEN. */
function withLevel(by: Actor): { actor: AccountActor; level: SuspensionLevel } {
  const level = suspensionLevel(by);
  if (by.kind !== 'account' || level === null) throw new AppError('FORBIDDEN', 'suspensions are decided by people');
  return { actor: by, level };
}

/** Locks the account; another organisation's, or one's own, is answered as if it did not exist. */
async function target(tx: Tx, actor: AccountActor, level: SuspensionLevel, accountId: string) {
  const { rows } = await tx.query<{ role: Role; organisation_id: string | null; status: string }>(
    'SELECT role, organisation_id, status FROM accounts WHERE id = $1 FOR UPDATE',
    [accountId],
  );
  const account = rows[0];
  const visible = account && (level === 'platform' || mayManage(actor, account.role, account.organisation_id));
  if (!visible || accountId === actor.accountId) throw new AppError('NOT_FOUND');
  return account;
}

interface OpenSuspension {
  id: string;
  level: SuspensionLevel;
  lift_requested_by: string | null;
}

async function openSuspension(tx: Tx, accountId: string): Promise<OpenSuspension | null> {
  const { rows } = await tx.query<OpenSuspension>(
    'SELECT id, level, lift_requested_by FROM account_suspensions WHERE account_id = $1 AND lifted_at IS NULL FOR UPDATE',
    [accountId],
  );
  return rows[0] ?? null;
}

/**
 * Suspends an account, says why, and ends its sessions at once. An account already suspended
 * stays so; a platform-level suspension of an account an RGC suspended takes over, so that the
 * RGC can no longer lift it alone. Returns whether anything changed.
 */
export async function suspendAccount(
  deps: AccountsDeps,
  by: Actor,
  accountId: string,
  reason: string,
): Promise<boolean> {
  const { actor, level } = withLevel(by);
  if (!(choosableReasons as string[]).includes(reason)) throw new AppError('VALIDATION_FAILED', 'reason required');
  return deps.db.transaction(async (tx) => {
    await target(tx, actor, level, accountId);
    return applySuspension(tx, deps, { accountId, level, by: actor, reason: reason as SuspensionReason });
  });
}

/**
 * The suspension itself, in the caller's transaction: opened, or raised to the platform's level
 * over an RGC's, with its reason; the account marked suspended, its sessions ended, the journal
 * told. `by` is the person who decided, or null for the guard's own. An open suspension at the
 * same or a higher level stays as it is. Returns whether anything changed.
 */
export async function applySuspension(
  tx: Tx,
  deps: Pick<AccountsDeps, 'clock' | 'random' | 'accessLog'>,
  input: { accountId: string; level: SuspensionLevel; by: AccountActor | null; reason: SuspensionReason },
): Promise<boolean> {
  const { accountId, level, reason } = input;
  const byId = input.by?.accountId ?? null;
  const now = deps.clock.now();
  const open = await openSuspension(tx, accountId);
  if (open && (open.level === 'platform' || level === 'organisation')) return false;
  if (open) {
    await tx.query(
      `UPDATE account_suspensions SET level = $2, suspended_by = $3, reason = $4, suspended_at = $5,
         lift_requested_by = NULL, lift_requested_at = NULL WHERE id = $1`,
      [open.id, level, byId, reason, now],
    );
  } else {
    // Another transaction may have opened one meanwhile (the guard's reads run at once): it stands.
    await tx.query(
      `INSERT INTO account_suspensions (id, account_id, level, suspended_by, reason, suspended_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [deps.random.uuid(), accountId, level, byId, reason, now],
    );
  }
  await tx.query("UPDATE accounts SET status = 'suspended', suspended_at = $2, suspended_by = $3 WHERE id = $1", [
    accountId,
    now,
    byId,
  ]);
  await endAccountSessions(tx, accountId, 'suspension', now);
  const who = input.by ? journalOf(input.by) : { actorId: null };
  await journal(deps.accessLog, tx, 'account.suspended', { ...who, subjectId: accountId });
  return true;
}

const journalOf = (actor: AccountActor) => ({
  actorId: actor.accountId,
  sessionId: actor.sessionId,
  clientAddr: actor.clientAddr,
});

/**
 * Lifts a suspension. At the organisation level, an RGC of the account's organisation or anyone
 * at the platform level lifts it alone. At the platform level, only people at that level, and
 * two of them: the first call records the request ('requested'), a second person's call lifts
 * it ('lifted'); the same person twice is refused (`self-lift`), and so is an RGC
 * (`platform level`). A suspended account with no recorded suspension (the guard's) counts as
 * one made at the platform level.
 */
export async function liftSuspension(
  deps: Pick<AccountsDeps, 'db' | 'clock' | 'random' | 'accessLog'>,
  by: Actor,
  accountId: string,
): Promise<'lifted' | 'requested'> {
  const { actor, level } = withLevel(by);
  return deps.db.transaction(async (tx) => {
    const account = await target(tx, actor, level, accountId);
    if (account.status !== 'suspended') throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    const open = (await openSuspension(tx, accountId)) ?? (await recordUnrecorded(tx, deps, accountId, now));
    if (open.level === 'platform') {
      if (level !== 'platform') throw new AppError('FORBIDDEN', 'platform level');
      if (open.lift_requested_by === actor.accountId) throw new AppError('FORBIDDEN', 'self-lift');
      if (open.lift_requested_by === null) {
        await tx.query('UPDATE account_suspensions SET lift_requested_by = $2, lift_requested_at = $3 WHERE id = $1', [
          open.id,
          actor.accountId,
          now,
        ]);
        await journal(deps.accessLog, tx, 'account.reactivation_requested', {
          ...journalOf(actor),
          subjectId: accountId,
        });
        return 'requested';
      }
    }
    await tx.query('UPDATE account_suspensions SET lifted_by = $2, lifted_at = $3 WHERE id = $1', [
      open.id,
      actor.accountId,
      now,
    ]);
    await tx.query("UPDATE accounts SET status = 'active', suspended_at = NULL, suspended_by = NULL WHERE id = $1", [
      accountId,
    ]);
    await journal(deps.accessLog, tx, 'account.reactivated', { ...journalOf(actor), subjectId: accountId });
    return 'lifted';
  });
}

/** A suspension nobody recorded (the guard's, or older than levels): at the platform level. */
async function recordUnrecorded(
  tx: Tx,
  deps: Pick<AccountsDeps, 'random'>,
  accountId: string,
  now: Date,
): Promise<OpenSuspension> {
  const id = deps.random.uuid();
  await tx.query(
    `INSERT INTO account_suspensions (id, account_id, level, suspended_by, reason, suspended_at)
     VALUES ($1, $2, 'platform', NULL, 'unrecorded', $3)`,
    [id, accountId, now],
  );
  return { id, level: 'platform', lift_requested_by: null };
}

/** What a manager's page shows of a suspension: no names, only the level, the reason and the lift. */
export interface SuspensionView {
  level: SuspensionLevel;
  reason: SuspensionReason;
  suspendedAt: Date;
  liftRequestedBy: string | null;
}

/** The open suspensions of the accounts listed, by account id. */
export async function openSuspensions(q: Queryable, accountIds: string[]): Promise<Map<string, SuspensionView>> {
  if (accountIds.length === 0) return new Map();
  const { rows } = await q.query<{
    account_id: string;
    level: SuspensionLevel;
    reason: SuspensionReason;
    suspended_at: Date;
    lift_requested_by: string | null;
  }>(
    `SELECT account_id, level, reason, suspended_at, lift_requested_by FROM account_suspensions
     WHERE account_id = ANY($1) AND lifted_at IS NULL`,
    [accountIds],
  );
  return new Map(
    rows.map((row) => [
      row.account_id,
      { level: row.level, reason: row.reason, suspendedAt: row.suspended_at, liftRequestedBy: row.lift_requested_by },
    ]),
  );
}
