import type { Queryable } from '../db/client.js';
import { DECLARATION_DAYS } from './training.policy.js';

/*
 * The declarations an organisation owes, computed from its open referrals (nothing to keep in
 * step): the entry of an accepted trainee once the session has started; each month's attendance
 * of a trainee in training, from the month after the last one declared (or the entry's month,
 * or the month of a resumption after a postponement: the months of the pause are not owed)
 * once that month is over; the exit once the session has ended. Each is due DECLARATION_DAYS
 * after what it declares (training.policy.ts): the due dates here follow `dueOn` there.
 */

export interface DueRow {
  referralId: string;
  personId: string;
  sessionId: string;
  sessionTitle: string;
  kind: 'entry' | 'attendance' | 'exit';
  /** The day the entry or exit is expected, or the first day of the month whose attendance is owed. */
  period: string;
  dueOn: string;
}

/**
 * The owed declarations, as a `WITH` to select from: one organisation's (`$1`) or, with `$1`
 * null, every organisation's (the daily reminders). Two spellings rather than `$1 IS NULL OR …`,
 * so that one organisation's plan walks its own sessions rather than every referral. What was
 * declared is read once per referral, entry and attendance together.
 */
function duesOf(scope: 'organisation' | 'all'): string {
  const where = scope === 'organisation' ? 's.organisation_id = $1' : '$1::uuid IS NULL';
  return `
  WITH live AS (
    SELECT r.id, r.person_id, r.status, s.id AS session_id, s.title, s.organisation_id, s.starts_on, s.ends_on,
      d.entered_on, d.attended, d.resumed_on
    FROM referrals r JOIN training_sessions s ON s.id = r.session_id
    CROSS JOIN LATERAL (
      SELECT max(e.occurred_on) FILTER (WHERE e.kind = 'entry') AS entered_on,
             max(e.occurred_on) FILTER (WHERE e.kind = 'attendance') AS attended,
             max(e.occurred_on) FILTER (WHERE e.kind = 'resumption') AS resumed_on
      FROM referral_events e WHERE e.referral_id = r.id) d
    WHERE ${where} AND r.status IN ('accepted', 'entered')
  ), owed AS (
    SELECT id, person_id, session_id, title, organisation_id, 'entry' AS kind, starts_on AS period,
           starts_on + $3::int AS due_on
    FROM live WHERE status = 'accepted' AND starts_on <= $2::date
    UNION ALL
    SELECT id, person_id, session_id, title, organisation_id, 'attendance', m.month,
           (m.month + interval '1 month')::date + ($3::int - 1)
    FROM live, LATERAL (SELECT GREATEST(COALESCE((date_trunc('month', attended) + interval '1 month')::date,
                                                 date_trunc('month', COALESCE(entered_on, starts_on))::date),
                                        date_trunc('month', resumed_on)::date) AS month) m
    WHERE status = 'entered' AND m.month < date_trunc('month', $2::date)::date AND m.month <= ends_on
    UNION ALL
    SELECT id, person_id, session_id, title, organisation_id, 'exit', ends_on, ends_on + $3::int
    FROM live WHERE status = 'entered' AND ends_on < $2::date
  )`;
}

/** One page of what the organisation owes, the most overdue first; `overdue` keeps only those past due. */
export async function listDues(
  q: Queryable,
  organisationId: string,
  today: string,
  page: { limit: number; offset: number; overdue: boolean },
): Promise<{ rows: DueRow[]; total: number }> {
  const filter = page.overdue ? 'WHERE due_on < $2::date' : '';
  // The total comes with the page (a window count), so the owed rows are computed once.
  const { rows } = await q.query<DueRow & { total: number }>(
    `${duesOf('organisation')} SELECT id AS "referralId", person_id AS "personId", session_id AS "sessionId",
       title AS "sessionTitle", kind, period::text AS period, due_on::text AS "dueOn", count(*) OVER ()::int AS total
     FROM owed ${filter} ORDER BY due_on, id, kind LIMIT $4 OFFSET $5`,
    [organisationId, today, DECLARATION_DAYS, page.limit, page.offset],
  );
  if (rows.length > 0 || page.offset === 0) {
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }
  // Past the last page the window counts nothing: ask for the total alone.
  const count = await q.query<{ total: number }>(
    `${duesOf('organisation')} SELECT count(*)::int AS total FROM owed ${filter}`,
    [organisationId, today, DECLARATION_DAYS],
  );
  return { rows: [], total: count.rows[0]!.total };
}

/** Per organisation with something owed: how many, and how many past due. */
export async function duesByOrganisation(
  q: Queryable,
  today: string,
  organisationId: string | null = null,
): Promise<{ organisationId: string; due: number; overdue: number }[]> {
  const { rows } = await q.query<{ organisationId: string; due: number; overdue: number }>(
    `${duesOf(organisationId ? 'organisation' : 'all')} SELECT organisation_id AS "organisationId", count(*)::int AS due,
       count(*) FILTER (WHERE due_on < $2::date)::int AS overdue
     FROM owed GROUP BY organisation_id ORDER BY organisation_id`,
    [organisationId, today, DECLARATION_DAYS],
  );
  return rows;
}
