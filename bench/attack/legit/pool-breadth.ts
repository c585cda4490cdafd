import type { Db } from '../../../src/db/client.js';

/** The candidate pool of Choisir le service public when it was scraped (2026): 377,418 profiles. */
export const CSP_POOL = 377_418;

/**
 * The breadth of the recruiter managers' own pool searches during the month (the matches in
 * scope, as the access log records them), and what the same criteria would match in a pool the
 * size of Choisir le service public's: the guard flags a search as too broad from a number of
 * matches (`broad_search_breadth`) that is also a share of the pool (`broad_search_share`,
 * migration 0021), so the projection counts the searches that would pass both.
 */
export async function poolBreadthLines(db: Db, from: Date, to: Date): Promise<string[]> {
  const { rows } = await db.query<{ breadth: number }>(
    `SELECT l.breadth FROM access_log l WHERE l.purpose = 'recruiting.pool_search' AND l.action = 'search'
       AND l.at >= $1 AND l.at < $2 AND l.breadth IS NOT NULL ORDER BY l.breadth`,
    [from, to],
  );
  const pool = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM candidate_profiles WHERE pool_opt_in'))
    .rows[0]!.n;
  const settings = new Map(
    (
      await db.query<{ name: string; value: string }>(
        "SELECT name, value FROM guard_settings WHERE name IN ('broad_search_breadth', 'broad_search_share')",
      )
    ).rows.map((row) => [row.name, Number(row.value)]),
  );
  const threshold = Math.max(
    settings.get('broad_search_breadth') ?? 200,
    Math.ceil((settings.get('broad_search_share') ?? 0) * CSP_POOL),
  );
  if (rows.length === 0 || pool === 0) return [];
  const breadths = rows.map((r) => r.breadth);
  const at = (q: number) => breadths[Math.min(breadths.length - 1, Math.floor(q * breadths.length))]!;
  const projected = breadths.filter((b) => (b * CSP_POOL) / pool >= threshold).length;
  return [
    `    recherches du vivier : ${breadths.length}, vivier de ${pool} profils ; correspondances p50 ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)}`,
    `    à l’échelle du vivier de 2026 (${CSP_POOL} profils), ${((100 * projected) / breadths.length).toFixed(0)} % de ces recherches dépasseraient le seuil de recherche trop large (${threshold} correspondances)`,
  ];
}
