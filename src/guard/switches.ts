import type { AccessLog } from '../audit/types.js';
import type { Db } from '../db/client.js';
import { applySuspension } from '../identity/accounts/suspensions.js';
import { journal } from '../identity/journal.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Random } from '../kernel/random.js';
import type { Actor } from '../vault/index.js';
import { isSurface, type Surface } from './surfaces.js';

/*
 * The kill switch: in one action, with a reason, a security officer (or an admin) stops an
 * account, a whole organisation or a whole surface (the OF portal, the candidate pool).
 * guard_decide refuses every read the switch covers ('closed' in the access log); an account's
 * or an organisation's sessions end at once. Lifting takes two people at the level that set
 * it, the platform's: one asks, another confirms, as a platform-level suspension is lifted.
 */

export interface SwitchDeps {
  db: Db;
  clock: Clock;
  random: Random;
  accessLog: AccessLog;
}

export type SwitchLevel = 'account' | 'organisation' | 'surface';

/** Why a switch was set: a closed list, since the table sits outside the vault. */
export const switchReasons = {
  compromise_suspected: 'Compte ou organisme peut-être compromis',
  incident: 'Incident de sécurité en cours',
  investigation: 'Vérification en cours par la sécurité',
  misuse: 'Usage non conforme aux missions',
} as const;

export type SwitchReason = keyof typeof switchReasons;

export function isSwitchReason(value: unknown): value is SwitchReason {
  return typeof value === 'string' && Object.hasOwn(switchReasons, value);
}

type AccountActor = Extract<Actor, { kind: 'account' }>;

/** Only the platform's security people hold the switch. */
function officer(by: Actor): AccountActor {
  if (by.kind !== 'account' || (by.role !== 'security_officer' && by.role !== 'admin')) {
    throw new AppError('FORBIDDEN', 'the kill switch is the platform’s');
  }
  return by;
}

const journalOf = (actor: AccountActor, subjectId: string | null) => ({
  actorId: actor.accountId,
  sessionId: actor.sessionId,
  clientAddr: actor.clientAddr,
  subjectId,
});

/**
 * Sets a switch. An account: suspended at the platform's level with its sessions ended (the
 * suspension's own two-person lift applies too). An organisation: every session of its
 * accounts ends. A surface: only reads are refused. A switch already on stays as it is.
 * Returns the switch's id.
 */
export async function setSwitch(
  deps: SwitchDeps,
  by: Actor,
  input: { level: SwitchLevel; target: string; reason: SwitchReason },
): Promise<string> {
  const actor = officer(by);
  if (!isSwitchReason(input.reason)) throw new AppError('VALIDATION_FAILED', 'reason');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (input.level === 'surface' && !isSurface(input.target)) throw new AppError('NOT_FOUND');
    if (input.level === 'account') {
      const { rows } = await tx.query('SELECT 1 FROM accounts WHERE id = $1 AND role NOT IN ($2, $3)', [
        input.target,
        'candidate',
        'job_seeker',
      ]);
      if (rows.length === 0 || input.target === actor.accountId) throw new AppError('NOT_FOUND');
    }
    if (input.level === 'organisation') {
      const { rows } = await tx.query("SELECT 1 FROM organisations WHERE id = $1 AND kind <> 'platform'", [
        input.target,
      ]);
      if (rows.length === 0) throw new AppError('NOT_FOUND');
    }
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO guard_switches (id, level, target, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (level, target) WHERE lifted_at IS NULL DO UPDATE SET level = EXCLUDED.level RETURNING id`,
      [deps.random.uuid(), input.level, input.target, input.reason, actor.accountId, now],
    );
    if (input.level === 'account') {
      const reason = input.reason === 'incident' ? 'investigation' : input.reason;
      await applySuspension(tx, deps, { accountId: input.target, level: 'platform', by: actor, reason });
    }
    if (input.level === 'organisation') {
      await tx.query(
        `UPDATE sessions SET ended_at = $2, end_reason = 'kill_switch'
         WHERE ended_at IS NULL AND account_id IN (SELECT id FROM accounts WHERE organisation_id = $1)`,
        [input.target, now],
      );
    }
    await journal(
      deps.accessLog,
      tx,
      'guard.switch_set',
      journalOf(actor, input.level === 'account' ? input.target : null),
    );
    return rows[0]!.id;
  });
}

/**
 * Lifts a switch, by two people: the first call asks ('requested'), another person's call
 * lifts it ('lifted'); the same person twice is refused. An account's suspension is lifted
 * apart, through the suspensions' own two-person lift.
 */
export async function liftSwitch(deps: SwitchDeps, by: Actor, switchId: string): Promise<'requested' | 'lifted'> {
  const actor = officer(by);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      set_by: string | null;
      lift_requested_by: string | null;
      level: SwitchLevel;
      target: string;
    }>(
      'SELECT set_by, lift_requested_by, level, target FROM guard_switches WHERE id = $1 AND lifted_at IS NULL FOR UPDATE',
      [switchId],
    );
    const open = rows[0];
    if (!open) throw new AppError('NOT_FOUND');
    const subject = open.level === 'account' ? open.target : null;
    if (open.lift_requested_by === null) {
      await tx.query('UPDATE guard_switches SET lift_requested_by = $2, lift_requested_at = $3 WHERE id = $1', [
        switchId,
        actor.accountId,
        now,
      ]);
      await journal(deps.accessLog, tx, 'guard.switch_lift_requested', journalOf(actor, subject));
      return 'requested';
    }
    if (open.lift_requested_by === actor.accountId) throw new AppError('FORBIDDEN', 'self-lift');
    await tx.query('UPDATE guard_switches SET lifted_by = $2, lifted_at = $3 WHERE id = $1', [
      switchId,
      actor.accountId,
      now,
    ]);
    await journal(deps.accessLog, tx, 'guard.switch_lifted', journalOf(actor, subject));
    return 'lifted';
  });
}

/** The switches on now, newest first. */
export async function openSwitches(
  db: Db,
): Promise<
  { id: string; level: SwitchLevel; target: string; reason: SwitchReason; setAt: Date; liftRequested: boolean }[]
> {
  const { rows } = await db.query<{
    id: string;
    level: SwitchLevel;
    target: string;
    reason: SwitchReason;
    set_at: Date;
    lift_requested_by: string | null;
  }>(
    'SELECT id, level, target, reason, set_at, lift_requested_by FROM guard_switches WHERE lifted_at IS NULL ORDER BY set_at DESC',
  );
  return rows.map((row) => ({
    id: row.id,
    level: row.level,
    target: row.target,
    reason: row.reason,
    setAt: row.set_at,
    liftRequested: row.lift_requested_by !== null,
  }));
}

export type { Surface };
