import type { Queryable } from '../db/client.js';
import type { SearchCriteria } from './criteria.js';
import type { Category, Nature, OfferStatus, Sort, VacancyKind, Versant } from './offers.labels.js';

/*
 * SQL over `offers` (and the employers' names in `organisations`). Offers describe posts, not
 * people: no column here is personal data, so no purpose of the vault is involved. Queries are
 * composed of fixed fragments with numbered parameters, never of values (STYLE.md rule 3).
 */

/** A line of a list of offers. */
export interface OfferSummaryRow {
  id: string;
  reference: string;
  title: string;
  employer: string;
  versant: Versant;
  category: Category;
  nature: Nature;
  departement: string;
  place: string;
  contract_months: number | null;
  status: OfferStatus;
  published_on: string | null;
  deadline: string | null;
}

/** Every field of an offer, as its page and its form show it. */
export interface OfferRow extends OfferSummaryRow {
  employer_id: string;
  metier: string;
  domaine: string;
  study_level: string;
  full_time: boolean;
  description: string;
  vacancy_kind: VacancyKind;
  grades: string;
  recruiting_authority: string;
  parent_organisation: string;
  service: string;
  profile: string;
  conditions: string | null;
  vacant_from: string | null;
  apply_to: string;
  remuneration: string | null;
  publication_ends_on: string | null;
}

export const PAGE_SIZE = 20;
/** Past this many matches, a search says « plus de 1 000 » rather than counting them all. */
export const COUNT_CAP = 1000;

const summaryColumns = `o.id, o.reference, o.title, e.name AS employer, o.versant, o.category, o.nature, o.departement,
  o.place, o.contract_months, o.status, o.published_on::text AS published_on, o.deadline::text AS deadline`;
const offerColumns = `${summaryColumns}, o.employer_id, o.metier, o.domaine, o.study_level, o.full_time, o.description,
  o.vacancy_kind, o.grades, o.recruiting_authority, o.parent_organisation, o.service, o.profile, o.conditions,
  o.vacant_from::text AS vacant_from, o.apply_to, o.remuneration, o.publication_ends_on::text AS publication_ends_on`;

/** The conditions of a public search, as SQL fragments and their parameters. */
export function searchConditions(
  criteria: SearchCriteria,
  params: unknown[] = [],
): { where: string; params: unknown[] } {
  const where = [`o.status = 'published'`];
  const add = (fragment: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(fragment(`$${params.length}`));
  };
  if (criteria.text) add((n) => `o.search_vector @@ offer_tsquery(${n})`, criteria.text);
  if (criteria.versant) add((n) => `o.versant = ${n}`, criteria.versant);
  if (criteria.category) add((n) => `o.category = ${n}`, criteria.category);
  if (criteria.nature) add((n) => `o.nature = ${n}`, criteria.nature);
  if (criteria.domaine) add((n) => `o.domaine = ${n}`, criteria.domaine);
  if (criteria.metier) add((n) => `o.metier = ${n}`, criteria.metier);
  if (criteria.departement) add((n) => `o.departement = ${n}`, criteria.departement);
  if (criteria.contract === 'permanent') where.push('o.contract_months IS NULL');
  if (criteria.contract === 'duree_determinee') where.push('o.contract_months IS NOT NULL');
  return { where: where.join(' AND '), params };
}

/**
 * One page of published offers matching the criteria, newest first or most relevant first, and
 * how many match (with filters only, counted up to {@link COUNT_CAP} + 1, so a broad list stays
 * fast; with words, all of them, which the full-text index gives at once).
 */
export async function searchPublished(
  db: Queryable,
  criteria: SearchCriteria,
  options: { sort: Sort; page: number },
): Promise<{ rows: OfferSummaryRow[]; total: number }> {
  const { where, params } = searchConditions(criteria);
  const offset = (options.page - 1) * PAGE_SIZE;
  if (criteria.text) {
    // Words: the full-text index gives every match at once; they are kept aside (MATERIALIZED,
    // so no plan walks the date index testing each offer), then counted, sorted and paged.
    // Relevance ranks by the words of the title, then of the métier (migration 0010's
    // rank_vector), then the newest among equals.
    const rank = options.sort === 'pertinence' ? 'ts_rank(o.rank_vector, offer_tsquery($1))' : '0';
    const { rows } = await db.query<OfferSummaryRow & { total: number }>(
      `WITH matched AS MATERIALIZED (
         SELECT o.id, o.published_on, ${rank} AS rank FROM offers o WHERE ${where}),
       page AS (SELECT id, rank, published_on FROM matched ORDER BY rank DESC, published_on DESC, id
         LIMIT ${PAGE_SIZE} OFFSET ${offset})
       SELECT ${summaryColumns}, (SELECT count(*) FROM matched)::int AS total
       FROM page p JOIN offers o ON o.id = p.id JOIN organisations e ON e.id = o.employer_id
       ORDER BY p.rank DESC, p.published_on DESC, p.id`,
      params,
    );
    const total = rows[0]?.total ?? (offset > 0 ? await countUpToCap(db, where, params) : 0);
    return { rows: rows.map(({ total: _total, ...row }) => row), total };
  }
  // Filters only: the page walks an index newest first and stops; the count stops at the cap.
  const [page, total] = await Promise.all([
    db.query<OfferSummaryRow>(
      `SELECT ${summaryColumns} FROM offers o JOIN organisations e ON e.id = o.employer_id
       WHERE ${where} ORDER BY o.published_on DESC, o.id LIMIT ${PAGE_SIZE} OFFSET ${offset}`,
      params,
    ),
    countUpToCap(db, where, params),
  ]);
  return { rows: page.rows, total };
}

async function countUpToCap(db: Queryable, where: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM (SELECT 1 FROM offers o WHERE ${where} LIMIT ${COUNT_CAP + 1}) AS matched`,
    params,
  );
  return rows[0]!.total;
}

/** An offer anyone may read: published, or closed (its page says it no longer takes applications). */
export async function findPublic(db: Queryable, reference: string): Promise<OfferRow | null> {
  const { rows } = await db.query<OfferRow>(
    `SELECT ${offerColumns} FROM offers o JOIN organisations e ON e.id = o.employer_id
     WHERE o.reference = $1 AND o.status IN ('published', 'closed')`,
    [reference],
  );
  return rows[0] ?? null;
}

/** The values the filters offer, among published offers. */
export async function facetValues(
  db: Queryable,
): Promise<{ domaines: string[]; metiers: string[]; departements: string[] }> {
  const values = async (column: 'domaine' | 'metier' | 'departement') =>
    (
      await db.query<{ value: string }>(
        `SELECT DISTINCT ${column} AS value FROM offers WHERE status = 'published' ORDER BY 1`,
      )
    ).rows.map((row) => row.value);
  const [domaines, metiers, departements] = await Promise.all([
    values('domaine'),
    values('metier'),
    values('departement'),
  ]);
  return { domaines, metiers, departements };
}

/** One employer's offers, newest first, optionally of one status; and how many there are. */
export async function listForEmployer(
  db: Queryable,
  employerId: string,
  options: { status?: OfferStatus; page: number },
): Promise<{ rows: OfferSummaryRow[]; total: number }> {
  const params: unknown[] = [employerId];
  let where = 'o.employer_id = $1';
  if (options.status) {
    params.push(options.status);
    where += ' AND o.status = $2';
  } else {
    // Archived offers leave the working list; they are one filter away.
    where += ` AND o.status <> 'archived'`;
  }
  const offset = (options.page - 1) * PAGE_SIZE;
  const [page, count] = await Promise.all([
    db.query<OfferSummaryRow>(
      `SELECT ${summaryColumns} FROM offers o JOIN organisations e ON e.id = o.employer_id
       WHERE ${where} ORDER BY o.created_at DESC, o.id LIMIT ${PAGE_SIZE} OFFSET ${offset}`,
      params,
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM offers o WHERE ${where}`, params),
  ]);
  return { rows: page.rows, total: count.rows[0]!.total };
}

/**
 * An offer of this employer, or null: another employer's offer and a missing one are the same
 * null, so no caller can tell them apart (immich's access checks, STYLE.md).
 */
export async function findForEmployer(db: Queryable, employerId: string, id: string): Promise<OfferRow | null> {
  const { rows } = await db.query<OfferRow>(
    `SELECT ${offerColumns} FROM offers o JOIN organisations e ON e.id = o.employer_id
     WHERE o.id = $1 AND o.employer_id = $2`,
    [id, employerId],
  );
  return rows[0] ?? null;
}

/** The versant of an employer (an offer's versant is its employer's); null if not an employer. */
export async function employerVersant(db: Queryable, employerId: string): Promise<Versant | null> {
  const { rows } = await db.query<{ versant: Versant }>(
    `SELECT versant FROM organisations WHERE id = $1 AND kind = 'employer'`,
    [employerId],
  );
  return rows[0]?.versant ?? null;
}
