import type { Queryable } from '../db/client.js';

/**
 * Writes the guard's ceilings from the configuration, at start: the daily ceiling of distinct
 * records for every role ('*'). The guard itself is SQL (guard_check, migration 0004), called
 * from the door's statement, so that every process sharing the database shares the budgets.
 */
export async function configureGuard(q: Queryable, settings: { readCeilingPerDay: number }): Promise<void> {
  await q.query(
    `INSERT INTO guard_policy (role, per_day) VALUES ('*', $1)
     ON CONFLICT (role) DO UPDATE SET per_day = EXCLUDED.per_day`,
    [settings.readCeilingPerDay],
  );
}
