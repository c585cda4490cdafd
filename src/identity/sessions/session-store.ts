import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import type { Random } from '../../kernel/random.js';
import type { Role } from '../../vault/types.js';
import type { DevicePublicKey } from './device-proof.js';
import { PROOF_TRUST_MS, sessionLifetimes } from './policy.js';

export interface Session {
  id: string;
  accountId: string;
  role: Role;
  organisationId: string | null;
  personId: string | null;
  deviceKey: DevicePublicKey;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  provenAt: Date;
  /** Keyed hash of the network of the last proof (`addressTag`); never the address. */
  provenNet: Buffer;
  provenAgent: Buffer;
  mfaAt: Date | null;
  userAgentLabel: string;
  /** A valid proof from another network and browser, waiting for the second factor there. */
  pending: { net: Buffer; agent: Buffer; at: Date } | null;
  /** When the owner was last told by e-mail that the session moved. */
  movedNoticeAt: Date | null;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The browser, as far as the session binding is concerned: a hash of its User-Agent. */
export function agentHash(userAgent: string | undefined): Buffer {
  return sha256(`ua/${userAgent ?? ''}`);
}

/** A readable, non-identifying label for "Mes sessions": browser family and system. */
export function agentLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Navigateur';
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'système inconnu';
  return `${browser} sur ${system}`;
}

/**
 * Creates a session bound to a device key. The cookie value is `id.secret`; only a hash of the
 * secret is stored (OWASP ASVS 5.0 V7.2), so a database reader cannot forge a cookie.
 */
export async function createSession(
  q: Queryable,
  input: {
    accountId: string;
    role: Role;
    deviceKey: DevicePublicKey;
    /** The client's network as `addressTag` keeps it: the address itself is never stored. */
    addrTag: Buffer;
    userAgent: string | undefined;
    mfaAt: Date | null;
    now: Date;
    random: Random;
  },
): Promise<{ id: string; cookie: string }> {
  const id = input.random.bytes(16).toString('base64url');
  const secret = input.random.bytes(32).toString('base64url');
  const { idleMs, absoluteMs } = sessionLifetimes(input.role);
  const now = input.now.getTime();
  await q.query(
    `INSERT INTO sessions (id, secret_hash, account_id, device_key, created_at, last_seen_at, idle_expires_at,
       absolute_expires_at, proven_at, proven_net, proven_agent, mfa_at, user_agent_label)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $5, $8, $9, $10, $11)`,
    [
      id,
      sha256(secret),
      input.accountId,
      JSON.stringify(input.deviceKey),
      input.now,
      new Date(now + idleMs),
      new Date(now + absoluteMs),
      input.addrTag,
      agentHash(input.userAgent),
      input.mfaAt,
      agentLabel(input.userAgent),
    ],
  );
  return { id, cookie: `${id}.${secret}` };
}

interface SessionRow {
  id: string;
  secret_hash: Uint8Array;
  account_id: string;
  role: Role;
  organisation_id: string | null;
  person_id: string | null;
  device_key: DevicePublicKey | string;
  created_at: Date;
  last_seen_at: Date;
  absolute_expires_at: Date;
  proven_at: Date;
  proven_net: Uint8Array;
  proven_agent: Uint8Array;
  mfa_at: Date | null;
  user_agent_label: string;
  pending_net: Uint8Array | null;
  pending_agent: Uint8Array | null;
  pending_at: Date | null;
  moved_notice_at: Date | null;
}

/**
 * Finds the live session a cookie names: secret compared in constant time, not ended, within
 * its idle and absolute lifetimes, and its account active. Anything else is no session.
 */
export async function findSession(q: Queryable, cookie: string | undefined, now: Date): Promise<Session | null> {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  if (!match) return null;
  const { rows } = await q.query<SessionRow>(
    `SELECT s.*, a.role, a.organisation_id, a.person_id FROM sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.id = $1 AND s.ended_at IS NULL AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2
       AND a.status = 'active'`,
    [match[1], now],
  );
  const row = rows[0];
  if (!row || !timingSafeEqual(Buffer.from(row.secret_hash), sha256(match[2]!))) return null;
  return {
    id: row.id,
    accountId: row.account_id,
    role: row.role,
    organisationId: row.organisation_id,
    personId: row.person_id,
    deviceKey: typeof row.device_key === 'string' ? JSON.parse(row.device_key) : row.device_key,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    absoluteExpiresAt: row.absolute_expires_at,
    provenAt: row.proven_at,
    provenNet: Buffer.from(row.proven_net),
    provenAgent: Buffer.from(row.proven_agent),
    mfaAt: row.mfa_at,
    userAgentLabel: row.user_agent_label,
    pending:
      row.pending_net && row.pending_agent && row.pending_at
        ? { net: Buffer.from(row.pending_net), agent: Buffer.from(row.pending_agent), at: row.pending_at }
        : null,
    movedNoticeAt: row.moved_notice_at,
  };
}

/** Whether a request comes from the network and browser the session was last proven from. */
export function sameClient(session: Session, addrTag: Buffer, userAgent: string | undefined): boolean {
  return (
    session.provenNet.length === addrTag.length &&
    timingSafeEqual(session.provenNet, addrTag) &&
    timingSafeEqual(session.provenAgent, agentHash(userAgent))
  );
}

/** Whether the cookie alone may be trusted: proven recently, from this network and browser. */
export function isBound(session: Session, addrTag: Buffer, userAgent: string | undefined, now: Date): boolean {
  return now.getTime() - session.provenAt.getTime() <= PROOF_TRUST_MS && sameClient(session, addrTag, userAgent);
}

/** How stale `last_seen_at` may get before a request writes it again (idle expiry ±30 s). */
const TOUCH_EVERY_MS = 30_000;
/** How old a proof may get before a new valid one is written again (trust lasts 5 minutes). */
const REPROVE_EVERY_MS = 60_000;

/**
 * After an accepted request: slides the idle deadline (the absolute one never moves) and, when
 * the request carried a valid device proof from where the session is bound, renews the proof's
 * time. It never moves the binding: that is `binding-move.ts`'s decision. One UPDATE at most,
 * and none while both are fresh, so a busy session does not write on every request.
 */
export async function refreshSession(q: Queryable, session: Session, now: Date, proven: boolean): Promise<void> {
  const touch = now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS;
  const prove = proven && now.getTime() - session.provenAt.getTime() >= REPROVE_EVERY_MS;
  if (!touch && !prove) return;
  const { idleMs } = sessionLifetimes(session.role);
  await q.query(
    `UPDATE sessions SET last_seen_at = $2, idle_expires_at = $3,
       proven_at = CASE WHEN $4 THEN $2 ELSE proven_at END
     WHERE id = $1`,
    [session.id, now, new Date(now.getTime() + idleMs), prove],
  );
}

export async function endSession(q: Queryable, sessionId: string, reason: string, now: Date): Promise<void> {
  await q.query('UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL', [
    sessionId,
    now,
    reason,
  ]);
}

/** Ends every live session of an account, but one if named. Returns how many ended. */
export async function endAccountSessions(
  q: Queryable,
  accountId: string,
  reason: string,
  now: Date,
  exceptSessionId: string | null = null,
): Promise<number> {
  const result = await q.query(
    `UPDATE sessions SET ended_at = $2, end_reason = $3
     WHERE account_id = $1 AND ended_at IS NULL AND ($4::text IS NULL OR id <> $4::text)`,
    [accountId, now, reason, exceptSessionId],
  );
  return result.affectedRows;
}

/**
 * A new session id at a change of privilege (a step-up, a new second factor): the old id stops
 * working at once, so an id seen before the change cannot carry the new rights (OWASP ASVS 5.0
 * V7.2.4). The device key, the binding and the absolute deadline carry over: a step-up never
 * lengthens a session.
 */
export async function rotateSession(
  q: Queryable,
  session: Session,
  input: { mfaAt: Date | null; now: Date; random: Random },
): Promise<{ id: string; cookie: string }> {
  const id = input.random.bytes(16).toString('base64url');
  const secret = input.random.bytes(32).toString('base64url');
  const { rows } = await q.query(
    `INSERT INTO sessions (id, secret_hash, account_id, device_key, created_at, last_seen_at, idle_expires_at,
       absolute_expires_at, proven_at, proven_net, proven_agent, mfa_at, user_agent_label)
     SELECT $2, $3, account_id, device_key, created_at, $4, idle_expires_at, absolute_expires_at, proven_at,
       proven_net, proven_agent, $5, user_agent_label
     FROM sessions WHERE id = $1 AND ended_at IS NULL
     RETURNING 1`,
    [session.id, id, sha256(secret), input.now, input.mfaAt],
  );
  if (rows.length === 0) throw new AppError('SESSION_EXPIRED');
  await endSession(q, session.id, 'rotated', input.now);
  return { id, cookie: `${id}.${secret}` };
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  label: string;
  /**
   * Whether the session was last proven from the network the viewer is on now: all "Mes
   * sessions" can say, since only a keyed hash of the network is kept.
   */
  sameNetwork: boolean;
}

/** The live sessions of an account, for "Mes sessions", compared with the viewer's network. */
export async function listSessions(
  q: Queryable,
  accountId: string,
  now: Date,
  hereTag: Buffer,
): Promise<SessionSummary[]> {
  const { rows } = await q.query<{
    id: string;
    created_at: Date;
    last_seen_at: Date;
    user_agent_label: string;
    proven_net: Uint8Array;
  }>(
    `SELECT id, created_at, last_seen_at, user_agent_label, proven_net FROM sessions
     WHERE account_id = $1 AND ended_at IS NULL AND idle_expires_at > $2 AND absolute_expires_at > $2
     ORDER BY last_seen_at DESC`,
    [accountId, now],
  );
  return rows.map((row) => {
    const net = Buffer.from(row.proven_net);
    return {
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      label: row.user_agent_label,
      sameNetwork: net.length === hereTag.length && timingSafeEqual(net, hereTag),
    };
  });
}
