import type { Db } from '../../../src/db/client.js';

/**
 * What the legitimate month read, by role and class, as the guard counts it: fresh people per
 * account-day (p50, p90, p99, max) and the most first read within any 10 minutes. These are
 * the figures a budget is set against; printed under `legit-month`.
 */
export async function usageLines(db: Db, fromDay: string, toDay: string): Promise<string[]> {
  const { rows } = await db.query<{
    role: string;
    class: string;
    days: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    window_max: number;
  }>(
    `WITH days AS (
       SELECT a.role, t.class, t.account_id, t.day, t.total FROM guard_totals t JOIN accounts a ON a.id = t.account_id
       WHERE t.day >= $1::date AND t.day < $2::date),
     windows AS (
       SELECT a.role, r.class, max(w.n) AS n FROM guard_reads r JOIN accounts a ON a.id = r.account_id
       CROSS JOIN LATERAL (
         SELECT count(*) AS n FROM guard_reads x
         WHERE x.account_id = r.account_id AND x.class = r.class AND x.day = r.day
           AND x.first_at > r.first_at - interval '10 minutes' AND x.first_at <= r.first_at) AS w
       WHERE r.day >= $1::date AND r.day < $2::date
       GROUP BY a.role, r.class)
     SELECT d.role, d.class, count(*)::int AS days,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY d.total)::int AS p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY d.total)::int AS p90,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY d.total)::int AS p99,
       max(d.total)::int AS max, max(w.n)::int AS window_max
     FROM days d LEFT JOIN windows w ON w.role = d.role AND w.class = d.class
     GROUP BY d.role, d.class ORDER BY d.role, d.class`,
    [fromDay, toDay],
  );
  return rows.map(
    (r) =>
      `    ${r.role} ${r.class} : ${r.days} journées, personnes nouvelles par jour p50 ${r.p50}, p90 ${r.p90}, p99 ${r.p99}, max ${r.max} ; au plus ${r.window_max} en 10 minutes`,
  );
}
