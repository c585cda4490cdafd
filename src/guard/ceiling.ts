import type { Tx } from '../db/client.js';
import type { Guard, GuardDecision, GuardRequest } from './guard.js';

/**
 * The simplest useful guard: a hard ceiling on the distinct people one account reads per day
 * (UTC), with a per-account override in accounts.read_ceiling_per_day. Reading the same person
 * again the same day costs nothing.
 */
export function createCeilingGuard(defaultCeiling: number): Guard {
  return {
    async check(tx: Tx, request: GuardRequest): Promise<GuardDecision> {
      if (request.people.length === 0) return { verdict: 'allow' };
      const day = request.at.toISOString().slice(0, 10);
      // One round trip: charge the new people and count what the day now holds. The CTE's
      // inserts are invisible to the outer count, hence the sum.
      const { rows } = await tx.query<{ total: number; ceiling: number | null }>(
        `WITH charged AS (
           INSERT INTO guard_daily_reads (account_id, day, person_id)
           SELECT $1, $2::date, unnest($3::uuid[])
           ON CONFLICT DO NOTHING RETURNING 1)
         SELECT (SELECT count(*) FROM guard_daily_reads WHERE account_id = $1 AND day = $2::date)::int
              + (SELECT count(*) FROM charged)::int AS total,
                (SELECT read_ceiling_per_day FROM accounts WHERE id = $1) AS ceiling`,
        [request.accountId, day, request.people],
      );
      const row = rows[0]!;
      const ceiling = row.ceiling ?? defaultCeiling;
      if (row.total > ceiling) {
        return { verdict: 'deny', reason: `plafond quotidien de ${ceiling} personnes dépassé` };
      }
      return { verdict: 'allow' };
    },
  };
}
