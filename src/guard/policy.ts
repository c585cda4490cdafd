import type { Queryable } from '../db/client.js';
import type { AnyPurpose } from '../vault/index.js';
import { surfaceOf } from './surfaces.js';

/**
 * How the guard counts what a purpose returns: 'file' for records opened one at a time (a
 * file, a contact, a profile: what the Kairos and Choisir le service public thieves took),
 * 'list' for lists and search results, 'self' for an account's reads of itself, never charged.
 */
export type GuardClass = 'file' | 'list' | 'self';

export function guardClassOf(purpose: AnyPurpose): GuardClass | null {
  if (purpose.kind === 'write') return null;
  if (purpose.guardClass) return purpose.guardClass;
  return purpose.kind === 'read' && purpose.pageCap === 1 ? 'file' : 'list';
}

/**
 * The surfaces whose pages name ten people at most (`PEOPLE_PAGE_CAP` in the OF portal), where
 * the guard's pace applies (migration 0021): more than a page of new names within a second is a
 * script. Other pages name up to 20 or 50 people, or an organisation's accounts, at once.
 */
const PACED_SURFACES: ReadonlySet<string> = new Set(['of_portal']);

/**
 * Writes what the guard needs from the code at start: each purpose's class and surface (a
 * purpose missing from this table is denied), and the default daily ceiling of the roles
 * without their own budgets ('*') from the configuration. The guard itself is SQL
 * (guard_decide, migrations 0021 and 0022), called from the door's statement, so that every
 * process sharing the database shares the budgets and the signals.
 */
export async function configureGuard(
  q: Queryable,
  settings: { readCeilingPerDay: number },
  purposes: readonly AnyPurpose[],
): Promise<void> {
  const rows = purposes.flatMap((purpose) => {
    const cls = guardClassOf(purpose);
    const surface = surfaceOf(purpose);
    return cls ? [{ name: purpose.name, cls, surface, paced: surface !== null && PACED_SURFACES.has(surface) }] : [];
  });
  await q.query(
    `INSERT INTO guard_purposes (name, class, surface, paced)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
     ON CONFLICT (name) DO UPDATE SET class = EXCLUDED.class, surface = EXCLUDED.surface, paced = EXCLUDED.paced`,
    [rows.map((r) => r.name), rows.map((r) => r.cls), rows.map((r) => r.surface), rows.map((r) => r.paced)],
  );
  await q.query(`UPDATE guard_budgets SET per_day = $1, floor_day = least(floor_day, $1) WHERE role = '*'`, [
    settings.readCeilingPerDay,
  ]);
}
