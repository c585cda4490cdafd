import type { Queryable } from '../db/client.js';

/*
 * One staff account as the console investigates it, from non-personal tables only: what it is,
 * its sessions and second factors, the guard's signals about it, and its own entries in the
 * access log (counts of the people a read returned, never who they are). Every list is the
 * newest first and capped.
 */

export const DETAIL_CAP = 50;

export interface AccountRow {
  id: string;
  role: string;
  status: string;
  organisation: string | null;
  createdAt: Date;
  approvedAt: Date | null;
  totpSince: Date | null;
}

/** A staff or partner account; a citizen's, or none, is null (the console watches staff). */
export async function staffAccount(q: Queryable, id: string): Promise<AccountRow | null> {
  const { rows } = await q.query<{
    id: string;
    role: string;
    status: string;
    organisation: string | null;
    created_at: Date;
    approved_at: Date | null;
    totp_since: Date | null;
  }>(
    `SELECT a.id, a.role, a.status, o.name AS organisation, a.created_at, a.approved_at,
       t.confirmed_at AS totp_since
     FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id
       LEFT JOIN totp_credentials t ON t.account_id = a.id
     WHERE a.id = $1 AND a.role NOT IN ('candidate', 'job_seeker')`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    organisation: row.organisation,
    createdAt: row.created_at,
    approvedAt: row.approved_at,
    totpSince: row.totp_since,
  };
}

export interface SessionRow {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgentLabel: string;
  endedAt: Date | null;
  endReason: string | null;
}

export async function accountSessions(q: Queryable, id: string): Promise<SessionRow[]> {
  const { rows } = await q.query<{
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    user_agent_label: string;
    ended_at: Date | null;
    end_reason: string | null;
  }>(
    `SELECT created_at, last_seen_at, least(idle_expires_at, absolute_expires_at) AS expires_at,
       user_agent_label, ended_at, end_reason
     FROM sessions WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [id, DETAIL_CAP],
  );
  return rows.map((row) => ({
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    userAgentLabel: row.user_agent_label,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  }));
}

/** A passkey of the account: the name its holder gave it, when made and last used. */
export interface PasskeyRow {
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function accountPasskeys(q: Queryable, id: string): Promise<PasskeyRow[]> {
  const { rows } = await q.query<{
    name: string;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>(
    `SELECT name, created_at, last_used_at, revoked_at FROM passkeys
     WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [id, DETAIL_CAP],
  );
  return rows.map((row) => ({
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }));
}

/** A signal of the guard about the account, with its weight and evidence. */
export interface SignalRow {
  at: Date;
  kind: string;
  weight: number;
  evidence: Record<string, unknown>;
}

export async function accountSignals(q: Queryable, id: string): Promise<SignalRow[]> {
  const { rows } = await q.query<{ at: Date; kind: string; weight: number; evidence: Record<string, unknown> }>(
    'SELECT at, kind, weight, evidence FROM guard_signals WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT $2',
    [id, DETAIL_CAP],
  );
  return rows.map((row) => ({ at: row.at, kind: row.kind, weight: row.weight, evidence: row.evidence ?? {} }));
}

/** One of the account's own entries in the access log, in counts. */
export interface EntryRow {
  seq: number;
  at: Date;
  action: string;
  purpose: string;
  outcome: string;
  people: number;
  probed: number;
  breadth: number | null;
}

export async function accountEntries(q: Queryable, id: string): Promise<EntryRow[]> {
  const { rows } = await q.query<EntryRow>(
    `SELECT seq, at, action, purpose, outcome, cardinality(people) AS people, cardinality(probed) AS probed, breadth
     FROM access_log WHERE actor_id = $1 ORDER BY at DESC, seq DESC LIMIT $2`,
    [id, DETAIL_CAP],
  );
  return rows.map((row) => ({ ...row }));
}
