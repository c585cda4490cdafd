import type { Queryable } from '../db/client.js';

/*
 * What the console lists, from non-personal tables only: alerts, suspensions and kill switches
 * still open. Each list is capped (LIST_CAP, the newest first): a console buried under more
 * than that has a bigger problem than paging, and the page must stay quick when it does.
 */

export const LIST_CAP = 50;

/** An alert still open: its kind, when it was raised, its evidence (ids and counts only). */
export interface AlertRow {
  id: string;
  kind: string;
  raisedAt: Date;
  detail: Record<string, unknown>;
  accountId: string | null;
}

/** Every list below takes `about`: one account's rows only (its page), or null for all. */
type About = string | null;

export async function openAlerts(q: Queryable, about: About): Promise<AlertRow[]> {
  const { rows } = await q.query<{
    id: string;
    kind: string;
    raised_at: Date;
    detail: Record<string, unknown> | null;
    account_id: string | null;
  }>(
    `SELECT id, kind, raised_at, detail, account_id FROM security_alerts
     WHERE status = 'open' AND ($2::uuid IS NULL OR account_id = $2::uuid) ORDER BY raised_at DESC, id LIMIT $1`,
    [LIST_CAP, about],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    raisedAt: row.raised_at,
    detail: row.detail ?? {},
    accountId: row.account_id,
  }));
}

/** An account suspended now: at what level, why, since when, and whether a lift was asked. */
export interface SuspensionRow {
  accountId: string;
  role: string;
  organisation: string | null;
  level: 'platform' | 'organisation';
  reason: string;
  since: Date;
  liftRequestedBy: string | null;
  /** Suspended by the guard itself (nobody recorded), rather than by a person. */
  byGuard: boolean;
}

/**
 * The suspended accounts, with their open suspension; an account the guard marked suspended in
 * its own statement without a recorded suspension yet is listed too, as the platform's (as
 * liftSuspension counts it).
 */
export async function openSuspensionRows(q: Queryable, about: About): Promise<SuspensionRow[]> {
  const { rows } = await q.query<{
    account_id: string;
    role: string;
    organisation: string | null;
    level: 'platform' | 'organisation' | null;
    reason: string | null;
    since: Date;
    lift_requested_by: string | null;
    suspended_by: string | null;
  }>(
    `SELECT a.id AS account_id, a.role, o.name AS organisation, s.level, s.reason,
       COALESCE(s.suspended_at, a.suspended_at, a.created_at) AS since, s.lift_requested_by,
       COALESCE(s.suspended_by, a.suspended_by) AS suspended_by
     FROM accounts a
       LEFT JOIN account_suspensions s ON s.account_id = a.id AND s.lifted_at IS NULL
       LEFT JOIN organisations o ON o.id = a.organisation_id
     WHERE a.status = 'suspended' AND ($2::uuid IS NULL OR a.id = $2::uuid)
     ORDER BY since DESC, a.id LIMIT $1`,
    [LIST_CAP, about],
  );
  return rows.map((row) => ({
    accountId: row.account_id,
    role: row.role,
    organisation: row.organisation,
    level: row.level ?? 'platform',
    reason: row.reason ?? 'unrecorded',
    since: row.since,
    liftRequestedBy: row.lift_requested_by,
    byGuard: row.suspended_by === null,
  }));
}

/** A kill switch on now, with what it stops named from non-personal tables. */
export interface SwitchRow {
  id: string;
  level: 'account' | 'organisation' | 'surface';
  target: string;
  /** The organisation's name, or the account's role and organisation; null for a surface. */
  targetRole: string | null;
  targetOrganisation: string | null;
  reason: string;
  setAt: Date;
  liftRequestedBy: string | null;
}

export async function openSwitchRows(q: Queryable, about: About): Promise<SwitchRow[]> {
  const { rows } = await q.query<{
    id: string;
    level: SwitchRow['level'];
    target: string;
    target_role: string | null;
    target_organisation: string | null;
    reason: string;
    set_at: Date;
    lift_requested_by: string | null;
  }>(
    `SELECT w.id, w.level, w.target, a.role AS target_role, COALESCE(ao.name, o.name) AS target_organisation,
       w.reason, w.set_at, w.lift_requested_by
     FROM guard_switches w
       LEFT JOIN accounts a ON w.level = 'account' AND a.id::text = w.target
       LEFT JOIN organisations ao ON ao.id = a.organisation_id
       LEFT JOIN organisations o ON w.level = 'organisation' AND o.id::text = w.target
     WHERE w.lifted_at IS NULL AND ($2::text IS NULL OR (w.level = 'account' AND w.target = $2::text))
     ORDER BY w.set_at DESC, w.id LIMIT $1`,
    [LIST_CAP, about],
  );
  return rows.map((row) => ({
    id: row.id,
    level: row.level,
    target: row.target,
    targetRole: row.target_role,
    targetOrganisation: row.target_organisation,
    reason: row.reason,
    setAt: row.set_at,
    liftRequestedBy: row.lift_requested_by,
  }));
}

/** The organisations a switch may close (the platform's own excepted), by name. */
export async function switchableOrganisations(q: Queryable): Promise<{ id: string; name: string }[]> {
  const { rows } = await q.query<{ id: string; name: string }>(
    "SELECT id, name FROM organisations WHERE kind <> 'platform' ORDER BY name, id LIMIT 1000",
  );
  return rows;
}

/** The role and organisation of the accounts named, for the lists' labels. */
export async function accountsByIds(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, { role: string; organisation: string | null }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; role: string; organisation: string | null }>(
    `SELECT a.id, a.role, o.name AS organisation FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id
     WHERE a.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, { role: row.role, organisation: row.organisation }]));
}
