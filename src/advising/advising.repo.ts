import type { Queryable } from '../db/client.js';
import { seatsTakenSql } from '../training/index.js';

/*
 * The advisor's own non-personal tables: who is in their portfolio, since when, and the
 * sessions a job seeker may be referred to. Personal data is read through the vault.
 */

/** A page of the advisor's portfolio, newest first: ids only, and how many there are in all. */
export async function portfolioPage(
  q: Queryable,
  advisorId: string,
  page: { limit: number; offset: number },
): Promise<{ people: { personId: string; since: string }[]; total: number }> {
  const [{ rows }, count] = await Promise.all([
    q.query<{ personId: string; since: string }>(
      `SELECT person_id AS "personId", since::text AS since FROM portfolios WHERE advisor_id = $1
       ORDER BY since DESC, person_id LIMIT $2 OFFSET $3`,
      [advisorId, page.limit, page.offset],
    ),
    q.query<{ n: number }>('SELECT count(*)::int AS n FROM portfolios WHERE advisor_id = $1', [advisorId]),
  ]);
  return { people: rows, total: count.rows[0]!.n };
}

/** A session a job seeker may be referred to. */
export interface SessionRow {
  id: string;
  title: string;
  formacode: string | null;
  organisationName: string;
  departement: string;
  place: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  /** Seats held by a trainee the organisation accepted or who is in training (training.policy's seatHolders). */
  seatsTaken: number;
}

const sessionColumns = `s.id, s.title, s.formacode, o.name AS "organisationName", s.departement, s.place,
  s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn", s.capacity,
  ${seatsTakenSql('s')} AS "seatsTaken"`;

/** Escapes the wildcards of LIKE, so that what is typed is matched as written. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Sessions not over by `today`, soonest first, whose title, Formacode, place or organisation
 * holds every word typed, and in the département given, if any.
 */
export async function openSessions(
  q: Queryable,
  filter: { words: readonly string[]; departement?: string; today: string; limit: number; offset: number },
): Promise<{ sessions: SessionRow[]; total: number }> {
  const patterns = filter.words.map((word) => `%${literal(word)}%`);
  const where = `s.ends_on >= $1::date AND ($2::text IS NULL OR s.departement = $2)
    AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS w(p)
      WHERE NOT (s.title ILIKE w.p OR s.place ILIKE w.p OR o.name ILIKE w.p OR coalesce(s.formacode, '') ILIKE w.p))`;
  const params = [filter.today, filter.departement ?? null, patterns];
  const [{ rows }, count] = await Promise.all([
    q.query<SessionRow>(
      `SELECT ${sessionColumns} FROM training_sessions s JOIN organisations o ON o.id = s.organisation_id
       WHERE ${where} ORDER BY s.starts_on, s.title, s.id LIMIT $4 OFFSET $5`,
      [...params, filter.limit, filter.offset],
    ),
    q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM training_sessions s JOIN organisations o ON o.id = s.organisation_id WHERE ${where}`,
      params,
    ),
  ]);
  return { sessions: rows, total: count.rows[0]!.n };
}

/** One session, if it is not over by `today`. */
export async function openSession(q: Queryable, sessionId: string, today: string): Promise<SessionRow | null> {
  const { rows } = await q.query<SessionRow>(
    `SELECT ${sessionColumns} FROM training_sessions s JOIN organisations o ON o.id = s.organisation_id
     WHERE s.id = $1 AND s.ends_on >= $2::date`,
    [sessionId, today],
  );
  return rows[0] ?? null;
}

/** Whether the person is already referred to this session (one referral per session and person). */
export async function alreadyReferred(q: Queryable, sessionId: string, personId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM referrals WHERE session_id = $1 AND person_id = $2', [
    sessionId,
    personId,
  ]);
  return rows.length > 0;
}

/** One referral of the advisor's follow-up list, with its last declaration, if any. */
export interface FollowRow {
  id: string;
  personId: string;
  status: string;
  referredAt: Date;
  sessionTitle: string;
  organisationName: string;
  startsOn: string;
  endsOn: string;
  lastKind: string | null;
  lastOn: string | null;
}

/**
 * The referrals of the advisor's portfolio, newest first, a page at a time, optionally of one
 * status: « Suivi des orientations ».
 */
export async function followPage(
  q: Queryable,
  advisorId: string,
  filter: { status?: string; limit: number; offset: number },
): Promise<{ rows: FollowRow[]; total: number }> {
  const where = 'p.advisor_id = $1 AND ($2::text IS NULL OR r.status = $2)';
  const params = [advisorId, filter.status ?? null];
  const [{ rows }, count] = await Promise.all([
    q.query<FollowRow>(
      `SELECT r.id, r.person_id AS "personId", r.status, r.referred_at AS "referredAt", s.title AS "sessionTitle",
         o.name AS "organisationName", s.starts_on::text AS "startsOn", s.ends_on::text AS "endsOn",
         e.kind AS "lastKind", e.occurred_on::text AS "lastOn"
       FROM portfolios p JOIN referrals r ON r.person_id = p.person_id
       JOIN training_sessions s ON s.id = r.session_id JOIN organisations o ON o.id = s.organisation_id
       LEFT JOIN LATERAL (SELECT kind, occurred_on FROM referral_events WHERE referral_id = r.id
         ORDER BY occurred_on DESC, declared_at DESC LIMIT 1) e ON true
       WHERE ${where} ORDER BY r.referred_at DESC, r.id LIMIT $3 OFFSET $4`,
      [...params, filter.limit, filter.offset],
    ),
    q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM portfolios p JOIN referrals r ON r.person_id = p.person_id WHERE ${where}`,
      params,
    ),
  ]);
  return { rows, total: count.rows[0]!.n };
}

/** Whether the person is in the advisor's portfolio (no personal data: the relationship only). */
export async function inPortfolio(q: Queryable, advisorId: string, personId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM portfolios WHERE advisor_id = $1 AND person_id = $2', [
    advisorId,
    personId,
  ]);
  return rows.length > 0;
}
