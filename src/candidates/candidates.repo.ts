import type { Queryable } from '../db/client.js';

/*
 * SQL over the candidate domain's plain columns: which CVs a person has (ids, sizes, dates),
 * whether their profile exists and is in the pool. Nothing here reads or names an envelope.
 */

/** One CV as the plain columns describe it. */
export interface CvRow {
  id: string;
  sizeBytes: number;
  uploadedAt: Date;
}

/** A person's CVs, newest first (at most five exist). */
export async function cvRowsOf(db: Queryable, personId: string): Promise<CvRow[]> {
  const { rows } = await db.query<{ id: string; size_bytes: number; uploaded_at: Date }>(
    'SELECT id, size_bytes, uploaded_at FROM cvs WHERE person_id = $1 ORDER BY uploaded_at DESC, id LIMIT 5',
    [personId],
  );
  return rows.map((row) => ({ id: row.id, sizeBytes: row.size_bytes, uploadedAt: row.uploaded_at }));
}

/** Deletes one of the person's own CVs; false when the id is not theirs (or does not exist). */
export async function deleteCvOf(db: Queryable, personId: string, cvId: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>('DELETE FROM cvs WHERE id = $1 AND person_id = $2 RETURNING id', [
    cvId,
    personId,
  ]);
  return rows.length > 0;
}

/** Whether the person has a profile row yet, and whether it is open to the pool. */
export async function profileStateOf(db: Queryable, personId: string): Promise<{ exists: boolean; inPool: boolean }> {
  const { rows } = await db.query<{ pool_opt_in: boolean }>(
    'SELECT pool_opt_in FROM candidate_profiles WHERE person_id = $1',
    [personId],
  );
  return { exists: rows.length > 0, inPool: rows[0]?.pool_opt_in ?? false };
}

/** Opens or closes the person's own profile to the pool (their consent, GDPR art. 7(3)). */
export async function setPoolOptIn(db: Queryable, personId: string, inPool: boolean, at: Date): Promise<boolean> {
  const { rows } = await db.query<{ person_id: string }>(
    'UPDATE candidate_profiles SET pool_opt_in = $2, updated_at = $3 WHERE person_id = $1 RETURNING person_id',
    [personId, inPool, at],
  );
  return rows.length > 0;
}
