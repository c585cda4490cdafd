import type { Queryable, Tx } from '../db/client.js';
import type { ExitOutcome, InterruptionReason, ReferralEventKind } from '../vault/index.js';
import { seatHolders, type ReferralStatus } from './training.policy.js';

/*
 * Referrals and their declarations, as codes and ids (no personal data: names come through the
 * vault). Every lookup joins the session and filters on the organisation, so another
 * organisation's referral is not found, the same as one that does not exist.
 */

export interface TraineeRow {
  referralId: string;
  personId: string;
  sessionId: string;
  status: ReferralStatus;
  referredAt: Date;
}

/**
 * One page of the referrals of the organisation's sessions: one session's when `sessionId` is
 * given, else all of them (the API's list). Oldest referral first, so pages stay stable.
 */
export async function listTrainees(
  q: Queryable,
  organisationId: string,
  filter: { sessionId?: string; limit: number; offset: number },
): Promise<{ rows: TraineeRow[]; total: number }> {
  // Two spellings rather than `$2 IS NULL OR …`, so that each gets its own plan: one session's
  // page walks the index (session_id, referred_at, id) and stops at the page's end.
  const where = filter.sessionId
    ? 'r.session_id = $2 AND s.organisation_id = $1'
    : 's.organisation_id = $1 AND $2::uuid IS NULL';
  // The total comes with the page (a window count over the rows the filter keeps): one round trip.
  const { rows } = await q.query<TraineeRow & { total: number }>(
    `SELECT r.id AS "referralId", r.person_id AS "personId", r.session_id AS "sessionId", r.status,
            r.referred_at AS "referredAt", count(*) OVER ()::int AS total
     FROM referrals r JOIN training_sessions s ON s.id = r.session_id
     WHERE ${where} ORDER BY r.referred_at, r.id LIMIT $3 OFFSET $4`,
    [organisationId, filter.sessionId ?? null, filter.limit, filter.offset],
  );
  if (rows.length > 0 || filter.offset === 0) {
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }
  // Past the last page the window counts nothing: ask for the total alone.
  const count = await q.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM referrals r JOIN training_sessions s ON s.id = r.session_id WHERE ${where}`,
    [organisationId, filter.sessionId ?? null],
  );
  return { rows: [], total: count.rows[0]!.total };
}

export interface ReferralRow extends TraineeRow {
  sessionTitle: string;
  startsOn: string;
  endsOn: string;
  enteredOn: string | null;
  /**
   * The last interruption declared (not the latest dated: a date may lie in the past), its day
   * and reason, if the trainee was ever interrupted.
   */
  interruptedOn: string | null;
  interruptionReason: InterruptionReason | null;
}

/** One referral of the organisation's sessions, or null. */
export async function findReferral(q: Queryable, organisationId: string, id: string): Promise<ReferralRow | null> {
  const { rows } = await q.query<ReferralRow>(
    `SELECT r.id AS "referralId", r.person_id AS "personId", r.session_id AS "sessionId", r.status,
            r.referred_at AS "referredAt", s.title AS "sessionTitle", s.starts_on::text AS "startsOn",
            s.ends_on::text AS "endsOn",
            (SELECT max(e.occurred_on)::text FROM referral_events e WHERE e.referral_id = r.id AND e.kind = 'entry')
              AS "enteredOn", last.occurred_on::text AS "interruptedOn", last.reason AS "interruptionReason"
     FROM referrals r JOIN training_sessions s ON s.id = r.session_id
     LEFT JOIN LATERAL (SELECT e.occurred_on, e.reason FROM referral_events e
                        WHERE e.referral_id = r.id AND e.kind = 'interruption'
                        ORDER BY e.declared_at DESC, e.occurred_on DESC LIMIT 1) last ON true
     WHERE s.organisation_id = $1 AND r.id = $2`,
    [organisationId, id],
  );
  return rows[0] ?? null;
}

export interface EventRow {
  id: string;
  kind: ReferralEventKind;
  occurredOn: string;
  reason: InterruptionReason | null;
  outcome: ExitOutcome | null;
  daysPresent: number | null;
  declaredAt: Date;
}

/** What was declared about a referral, oldest first (at most 100: a few years of months). */
export async function eventsOf(q: Queryable, referralId: string): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT id, kind, occurred_on::text AS "occurredOn", reason, outcome, days_present AS "daysPresent",
            declared_at AS "declaredAt"
     FROM referral_events WHERE referral_id = $1 ORDER BY occurred_on, declared_at LIMIT 100`,
    [referralId],
  );
  return rows;
}

/** Whether attendance for the month starting `month` was already declared. */
export async function attendanceDeclared(q: Queryable, referralId: string, month: string): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM referral_events WHERE referral_id = $1 AND kind = 'attendance'
       AND date_trunc('month', occurred_on) = $2::date LIMIT 1`,
    [referralId, month],
  );
  return rows.length > 0;
}

/**
 * Moves a referral from `from` to `to`, only if it is still in `from` (two people answering at
 * once: the second finds nothing to change). Returns whether it moved.
 */
export async function moveReferral(
  q: Queryable,
  input: { id: string; from: ReferralStatus; to: ReferralStatus; answeredBy?: string; at?: Date },
): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE referrals SET status = $3,
       answered_by = COALESCE($4, answered_by), answered_at = COALESCE($5, answered_at)
     WHERE id = $1 AND status = $2 RETURNING id`,
    [input.id, input.from, input.to, input.answeredBy ?? null, input.at ?? null],
  );
  return rows.length > 0;
}

/** SQL for the seats held in the session aliased `session` (accepted trainees and those in training). */
export const seatsTakenSql = (session: string) =>
  `(SELECT count(*)::int FROM referrals seat WHERE seat.session_id = ${session}.id
     AND seat.status IN (${seatHolders.map((status) => `'${status}'`).join(', ')}))`;

/**
 * The seats of a session not held by an accepted trainee or one in training. The session's row
 * is locked until the transaction ends, so two acceptances at once cannot both take the last seat.
 */
export async function freeSeatsLocked(tx: Tx, sessionId: string): Promise<number> {
  // Two statements: one that waited for the lock counts with the snapshot it took before
  // waiting (READ COMMITTED), so the count comes after, and sees what the other committed.
  await tx.query('SELECT 1 FROM training_sessions WHERE id = $1 FOR UPDATE', [sessionId]);
  const { rows } = await tx.query<{ free: number }>(
    `SELECT s.capacity - ${seatsTakenSql('s')} AS free FROM training_sessions s WHERE s.id = $1`,
    [sessionId],
  );
  return rows[0]?.free ?? 0;
}

/** How many referrals of the organisation wait for its answer. */
export async function countToAnswer(q: Queryable, organisationId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM referrals r JOIN training_sessions s ON s.id = r.session_id
     WHERE s.organisation_id = $1 AND r.status = 'referred'`,
    [organisationId],
  );
  return rows[0]!.n;
}

/**
 * Dates a declaration by the platform's clock (the vault's insert takes the database's), so that
 * « hors délai » is judged on the same time as the due dates.
 */
export async function stampDeclaration(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('UPDATE referral_events SET declared_at = $2 WHERE id = $1', [id, at]);
}
