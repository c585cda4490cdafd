import type { Queryable } from '../../db/client.js';
import { searchConditions } from '../offers.repo.js';
import { storedCriteria, type SearchCriteria } from '../criteria.js';

/** A candidate's saved search, as its owner's list shows it. */
export interface SavedSearchRow {
  id: string;
  label: string;
  criteria: SearchCriteria;
  created_at: Date;
}

/** How many searches one account may keep: alerts are for a few lasting interests, not a crawl. */
export const MAX_SAVED_SEARCHES = 10;

/** Saves a search of this account, unless it already has the most allowed; false then. */
export async function insertSavedSearch(
  db: Queryable,
  row: { id: string; accountId: string; label: string; criteria: SearchCriteria; at: Date },
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO saved_searches (id, account_id, label, criteria, alerted_up_to, created_at)
     SELECT $1, $2, $3, $4::jsonb, $5, $5
     WHERE (SELECT count(*) FROM saved_searches WHERE account_id = $2) < ${MAX_SAVED_SEARCHES}
     RETURNING id`,
    [row.id, row.accountId, row.label, JSON.stringify(row.criteria), row.at],
  );
  return rows.length === 1;
}

/** This account's saved searches, oldest first. */
export async function listSavedSearches(db: Queryable, accountId: string): Promise<SavedSearchRow[]> {
  const { rows } = await db.query<{ id: string; label: string; criteria: unknown; created_at: Date }>(
    'SELECT id, label, criteria, created_at FROM saved_searches WHERE account_id = $1 ORDER BY created_at, id',
    [accountId],
  );
  return rows.map((row) => ({ ...row, criteria: storedCriteria.parse(row.criteria) }));
}

/** Deletes a saved search of this account; another account's id deletes nothing. */
export async function deleteSavedSearch(db: Queryable, accountId: string, id: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM saved_searches WHERE id = $1 AND account_id = $2 RETURNING id', [
    id,
    accountId,
  ]);
  return rows.length === 1;
}

/** A saved search due for an alert: its owner is an active candidate. */
export interface DueSearch {
  id: string;
  account_id: string;
  criteria: unknown;
  alerted_up_to: Date;
}

/** The saved searches of active candidate accounts, a batch at a time after `afterId`. */
export async function searchesToAlert(db: Queryable, afterId: string | null, limit: number): Promise<DueSearch[]> {
  const { rows } = await db.query<DueSearch>(
    `SELECT s.id, s.account_id, s.criteria, s.alerted_up_to FROM saved_searches s
     JOIN accounts a ON a.id = s.account_id AND a.status = 'active' AND a.role = 'candidate'
     WHERE ($1::uuid IS NULL OR s.id > $1::uuid) ORDER BY s.id LIMIT ${limit}`,
    [afterId],
  );
  return rows;
}

/** How many offers matching the criteria were published in (since, until]. */
export async function countNewMatches(
  db: Queryable,
  criteria: SearchCriteria,
  window: { since: Date; until: Date },
): Promise<number> {
  const { where, params } = searchConditions(criteria, [window.since, window.until]);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM offers o WHERE ${where} AND o.published_at > $1 AND o.published_at <= $2`,
    params,
  );
  return rows[0]!.n;
}

/** Moves a search's watermark: the offers published up to `until` have been told. */
export async function markAlerted(db: Queryable, id: string, until: Date): Promise<void> {
  await db.query('UPDATE saved_searches SET alerted_up_to = $2 WHERE id = $1', [id, until]);
}
