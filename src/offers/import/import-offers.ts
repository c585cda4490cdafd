import type { Db, Queryable } from '../../db/client.js';
import type { Random } from '../../kernel/random.js';
import type { ImportedOffer } from './dgafp-row.js';

/** What one row did to the database. */
export type RowOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * The employer an imported row names, found by its name (and created, as an employer of its
 * versant, the first time): organisations are public facts, not personal data.
 */
export async function employerIdOf(
  db: Queryable,
  random: Random,
  cache: Map<string, string>,
  row: ImportedOffer,
): Promise<string> {
  const cacheKey = row.employer.toLowerCase();
  const known = cache.get(cacheKey);
  if (known) return known;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM organisations WHERE kind = 'employer' AND lower(name) = lower($1) ORDER BY created_at LIMIT 1`,
    [row.employer],
  );
  let id = rows[0]?.id;
  if (!id) {
    id = random.uuid();
    await db.query(
      `INSERT INTO organisations (id, kind, name, versant, departement) VALUES ($1, 'employer', $2, $3, $4)`,
      [id, row.employer, row.versant, row.departement],
    );
  }
  cache.set(cacheKey, id);
  return id;
}

/**
 * Writes one imported offer: inserted when its reference is new; updated when the file says
 * something else than the last import (an offer written in rempart, which has an author, is
 * never overwritten); left alone when nothing changed. So importing a file twice changes nothing.
 */
export async function upsertImported(
  db: Db | Queryable,
  row: ImportedOffer,
  employerId: string,
  today: string,
  at: Date,
): Promise<RowOutcome | 'taken'> {
  const status = row.endsOn && row.endsOn < today ? 'closed' : 'published';
  const publishedOn = row.publishedOn ?? today;
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO offers (id, reference, title, employer_id, versant, category, nature, metier, domaine, departement, place,
       study_level, contract_months, full_time, parent_organisation, status, published_on, published_at, publication_ends_on,
       deadline, vacant_from, created_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $21, $17, $18, $19, $20, $20)
     ON CONFLICT (reference) DO UPDATE SET title = EXCLUDED.title, employer_id = EXCLUDED.employer_id,
       versant = EXCLUDED.versant, category = EXCLUDED.category, nature = EXCLUDED.nature, metier = EXCLUDED.metier,
       domaine = EXCLUDED.domaine, departement = EXCLUDED.departement, place = EXCLUDED.place,
       study_level = EXCLUDED.study_level, contract_months = EXCLUDED.contract_months, full_time = EXCLUDED.full_time,
       parent_organisation = EXCLUDED.parent_organisation, status = EXCLUDED.status, published_on = EXCLUDED.published_on,
       publication_ends_on = EXCLUDED.publication_ends_on, deadline = EXCLUDED.deadline,
       vacant_from = EXCLUDED.vacant_from, updated_at = EXCLUDED.updated_at
     WHERE offers.created_by IS NULL AND offers.status <> 'archived'
       AND (offers.title, offers.employer_id, offers.versant, offers.category, offers.nature, offers.metier, offers.domaine,
         offers.departement, offers.place, offers.study_level, offers.contract_months, offers.full_time,
         offers.parent_organisation, offers.status, offers.published_on, offers.publication_ends_on, offers.deadline,
         offers.vacant_from)
       IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.employer_id, EXCLUDED.versant, EXCLUDED.category, EXCLUDED.nature,
         EXCLUDED.metier, EXCLUDED.domaine, EXCLUDED.departement, EXCLUDED.place, EXCLUDED.study_level,
         EXCLUDED.contract_months, EXCLUDED.full_time, EXCLUDED.parent_organisation, EXCLUDED.status,
         EXCLUDED.published_on, EXCLUDED.publication_ends_on, EXCLUDED.deadline, EXCLUDED.vacant_from)
     RETURNING (xmax = 0) AS inserted`,
    [
      row.reference,
      row.title,
      employerId,
      row.versant,
      row.category,
      row.nature,
      row.metier,
      row.domaine,
      row.departement,
      row.place,
      row.studyLevel,
      row.contractMonths,
      row.fullTime,
      row.parentOrganisation,
      status,
      publishedOn,
      row.endsOn,
      row.deadline ?? row.endsOn,
      row.vacantFrom,
      at,
      // Alerts tell what appeared since their last run: an imported offer appears now.
      at,
    ],
  );
  if (rows.length === 1) return rows[0]!.inserted ? 'inserted' : 'updated';
  const { rows: existing } = await db.query<{ created_by: string | null }>(
    'SELECT created_by FROM offers WHERE reference = $1',
    [row.reference],
  );
  return existing[0]?.created_by ? 'taken' : 'unchanged';
}
