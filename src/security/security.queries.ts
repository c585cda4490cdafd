import type { Queryable } from '../db/client.js';
import { parisDay } from '../kernel/clock.js';

/*
 * The console's charts, aggregated from the access log: how many distinct people each staff
 * account read, day by day, how many each organisation's accounts read, and who read the most.
 * Every figure counts ids in the log's `people` (the people a read or a search returned, once
 * per entry), never what they hold. Only reads the guard allowed count: a refused read returned
 * nothing. Each query is bounded twice, by time (the last WINDOW_DAYS days, a range scan on the
 * log's index on `at`) and by rows (the TOP_N first), so that the page costs the same whatever
 * the platform's size.
 */

/** How far back the charts look. */
export const WINDOW_DAYS = 7;
/** How many accounts and organisations the charts and tables show. */
export const TOP_N = 10;

/** The entries that count: reads and searches of people by a staff account, in the window. */
const staffReads = `
  SELECT l.seq, l.actor_id, l.at, l.outcome, l.people, a.role, a.status, a.organisation_id
  FROM access_log l JOIN accounts a ON a.id = l.actor_id
  WHERE l.at >= ($1::date::timestamp AT TIME ZONE 'Europe/Paris') AND l.at <= $2 AND l.action IN ('read', 'search') AND l.record = 'person'
    AND a.role NOT IN ('candidate', 'job_seeker')`;

/** One of the accounts that read the most people in the window. */
export interface TopReaderRow {
  accountId: string;
  role: string;
  status: string;
  organisation: string | null;
  /** Distinct people returned to it. */
  people: number;
  /** Its reads and searches that returned data. */
  reads: number;
  /** Its reads and searches the guard refused (step-up, denied, suspended, closed). */
  refused: number;
}

/** The charts' window: whole days in France, from its first day's midnight to `to`. */
export interface ChartWindow {
  /** The days, oldest first (ISO, Europe/Paris). */
  days: string[];
  to: Date;
}

/** The last WINDOW_DAYS days in France, today included, up to `now`. */
export function chartWindow(now: Date): ChartWindow {
  const today = new Date(`${parisDay(now)}T12:00:00Z`).getTime();
  const days = Array.from({ length: WINDOW_DAYS }, (_, i) =>
    new Date(today - (WINDOW_DAYS - 1 - i) * 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
  );
  return { days, to: now };
}

const bounds = (window: ChartWindow) => [window.days[0]!, window.to];

/** The TOP_N accounts by distinct people read in the window, the most first. */
export async function topReaders(q: Queryable, window: ChartWindow): Promise<TopReaderRow[]> {
  const { rows } = await q.query<{
    actor_id: string;
    role: string;
    status: string;
    organisation: string | null;
    people: number;
    reads: number;
    refused: number;
  }>(
    `WITH w AS (${staffReads})
     SELECT w.actor_id, w.role, w.status, o.name AS organisation,
       count(DISTINCT p.id) FILTER (WHERE w.outcome = 'allow')::int AS people,
       count(DISTINCT w.seq) FILTER (WHERE w.outcome = 'allow')::int AS reads,
       count(DISTINCT w.seq) FILTER (WHERE w.outcome <> 'allow')::int AS refused
     FROM w LEFT JOIN organisations o ON o.id = w.organisation_id
       LEFT JOIN LATERAL unnest(w.people) AS p(id) ON true
     GROUP BY w.actor_id, w.role, w.status, o.name
     ORDER BY people DESC, refused DESC, w.actor_id
     LIMIT $3`,
    [...bounds(window), TOP_N],
  );
  return rows.map((row) => ({
    accountId: row.actor_id,
    role: row.role,
    status: row.status,
    organisation: row.organisation,
    people: row.people,
    reads: row.reads,
    refused: row.refused,
  }));
}

/** Distinct people one account read on one day (in France). */
export interface DailyReadRow {
  accountId: string;
  /** ISO day, Europe/Paris. */
  day: string;
  people: number;
}

/** For the accounts given (the top readers), the distinct people each read, day by day. */
export async function dailyReads(
  q: Queryable,
  window: ChartWindow,
  accountIds: readonly string[],
): Promise<DailyReadRow[]> {
  if (accountIds.length === 0) return [];
  const { rows } = await q.query<{ actor_id: string; day: string; people: number }>(
    `WITH w AS (${staffReads} AND l.actor_id = ANY($3::uuid[]) AND l.outcome = 'allow')
     SELECT w.actor_id, to_char(w.at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day,
       count(DISTINCT p.id)::int AS people
     FROM w CROSS JOIN LATERAL unnest(w.people) AS p(id)
     GROUP BY 1, 2 ORDER BY 2, 1`,
    [...bounds(window), accountIds.slice(0, TOP_N)],
  );
  return rows.map((row) => ({ accountId: row.actor_id, day: row.day, people: row.people }));
}

/** Distinct people the accounts of one organisation read in the window. */
export interface OrganisationReadRow {
  organisationId: string;
  name: string;
  people: number;
  /** Its accounts that read anyone. */
  accounts: number;
}

/** The TOP_N organisations by distinct people their accounts read in the window. */
export async function organisationReads(q: Queryable, window: ChartWindow): Promise<OrganisationReadRow[]> {
  const { rows } = await q.query<{ organisation_id: string; name: string; people: number; accounts: number }>(
    `WITH w AS (${staffReads} AND l.outcome = 'allow')
     SELECT o.id AS organisation_id, o.name, count(DISTINCT p.id)::int AS people,
       count(DISTINCT w.actor_id)::int AS accounts
     FROM w JOIN organisations o ON o.id = w.organisation_id CROSS JOIN LATERAL unnest(w.people) AS p(id)
     GROUP BY o.id, o.name
     ORDER BY people DESC, o.name
     LIMIT $3`,
    [...bounds(window), TOP_N],
  );
  return rows.map((row) => ({
    organisationId: row.organisation_id,
    name: row.name,
    people: row.people,
    accounts: row.accounts,
  }));
}
