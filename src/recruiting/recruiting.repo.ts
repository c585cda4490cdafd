import type { Queryable } from '../db/client.js';
import type { ApplicationStatus } from '../vault/index.js';
import { PAGE_SIZE } from './recruiting.policy.js';

/*
 * SQL over the recruiting domain's non-personal columns: which application belongs to which
 * offer, employer and person, its status and dates, and the history's codes. Never an envelope:
 * those go through the vault (recruiting.purposes.ts).
 */

/** One application as its lists and pages know it, before anything is read through the vault. */
export interface ApplicationRow {
  id: string;
  person_id: string;
  offer_id: string;
  reference: string;
  title: string;
  employer: string;
  status: ApplicationStatus;
  refusal_reason: string | null;
  submitted_at: Date;
  cv_id: string | null;
}

const columns = `a.id, a.person_id, a.offer_id, o.reference, o.title, e.name AS employer, a.status,
  a.refusal_reason, a.submitted_at, a.cv_id`;
const from = 'FROM applications a JOIN offers o ON o.id = a.offer_id JOIN organisations e ON e.id = o.employer_id';

/** A page of the applications to one employer's offers, newest first, and how many there are. */
export async function employerApplications(
  q: Queryable,
  employerId: string,
  options: { page: number; status?: ApplicationStatus },
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const status = options.status ?? null;
  const { rows } = await q.query<ApplicationRow & { total: number }>(
    `SELECT ${columns}, count(*) OVER ()::int AS total ${from}
     WHERE o.employer_id = $1 AND ($2::text IS NULL OR a.status = $2)
     ORDER BY a.submitted_at DESC, a.id LIMIT $3 OFFSET $4`,
    [employerId, status, PAGE_SIZE, (options.page - 1) * PAGE_SIZE],
  );
  const total = rows[0]?.total ?? (options.page > 1 ? await countEmployer(q, employerId, status) : 0);
  return { rows, total };
}

async function countEmployer(q: Queryable, employerId: string, status: string | null): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM applications a JOIN offers o ON o.id = a.offer_id
     WHERE o.employer_id = $1 AND ($2::text IS NULL OR a.status = $2)`,
    [employerId, status],
  );
  return rows[0]!.n;
}

/** How many applications to the employer's offers wait for a first look. */
export function countNewApplications(q: Queryable, employerId: string): Promise<number> {
  return countEmployer(q, employerId, 'submitted');
}

/** One application to the employer's offers; null for another employer's as for a missing id. */
export async function employerApplication(
  q: Queryable,
  employerId: string,
  id: string,
): Promise<ApplicationRow | null> {
  const { rows } = await q.query<ApplicationRow>(`SELECT ${columns} ${from} WHERE o.employer_id = $1 AND a.id = $2`, [
    employerId,
    id,
  ]);
  return rows[0] ?? null;
}

/** A page of one person's own applications, newest first. */
export async function personApplications(
  q: Queryable,
  personId: string,
  page: number,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const { rows } = await q.query<ApplicationRow & { total: number }>(
    `SELECT ${columns}, count(*) OVER ()::int AS total ${from}
     WHERE a.person_id = $1 ORDER BY a.submitted_at DESC, a.id LIMIT $2 OFFSET $3`,
    [personId, PAGE_SIZE, (page - 1) * PAGE_SIZE],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** One of the person's own applications; null for anyone else's as for a missing id. */
export async function personApplication(q: Queryable, personId: string, id: string): Promise<ApplicationRow | null> {
  const { rows } = await q.query<ApplicationRow>(`SELECT ${columns} ${from} WHERE a.person_id = $1 AND a.id = $2`, [
    personId,
    id,
  ]);
  return rows[0] ?? null;
}

/** One entry of an application's history, without its sealed body. */
export interface EventRow {
  id: string;
  kind: 'status' | 'message';
  status: ApplicationStatus | null;
  refusal_reason: string | null;
  created_at: Date;
}

/** An application's history, oldest first (at most 100 entries: a history, never an export). */
export async function applicationEvents(q: Queryable, applicationId: string): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(
    `SELECT e.id, e.kind, e.status, e.refusal_reason, e.created_at FROM application_events e
     WHERE e.application_id = $1 ORDER BY e.created_at, e.id LIMIT 100`,
    [applicationId],
  );
  return rows;
}

/**
 * Moves an application to `status`, only if it is still at `from` (two recruiters acting at once
 * cannot both move it). Returns whether it moved.
 */
export async function moveApplication(
  q: Queryable,
  input: { id: string; from: ApplicationStatus; status: ApplicationStatus; reason: string | null; at: Date },
): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE applications SET status = $3, refusal_reason = $4, status_changed_at = $5
     WHERE id = $1 AND status = $2 RETURNING id`,
    [input.id, input.from, input.status, input.reason, input.at],
  );
  return rows.length === 1;
}

/** The candidate accounts of a person: whom a message about their application is sent to. */
export async function accountsOfPerson(q: Queryable, personId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    "SELECT id FROM accounts WHERE person_id = $1 AND role = 'candidate' AND status = 'active'",
    [personId],
  );
  return rows.map((row) => row.id);
}

/** A published offer, by its public reference, with what the application page shows of it. */
export interface OfferRow {
  id: string;
  reference: string;
  title: string;
  employer: string;
  place: string;
}

export async function publishedOffer(q: Queryable, reference: string): Promise<OfferRow | null> {
  const { rows } = await q.query<OfferRow>(
    `SELECT o.id, o.reference, o.title, e.name AS employer, o.place FROM offers o
     JOIN organisations e ON e.id = o.employer_id WHERE o.reference = $1 AND o.status = 'published'`,
    [reference],
  );
  return rows[0] ?? null;
}

/** Whether the person already applied to the offer (one application per offer and person). */
export async function hasApplied(q: Queryable, personId: string, offerId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM applications WHERE person_id = $1 AND offer_id = $2', [
    personId,
    offerId,
  ]);
  return rows.length > 0;
}

/** Every application of one person, newest first (at most 1,000): for their own « Mes données ». */
export async function everyPersonApplication(q: Queryable, personId: string): Promise<ApplicationRow[]> {
  const { rows } = await q.query<ApplicationRow>(
    `SELECT ${columns} ${from} WHERE a.person_id = $1 ORDER BY a.submitted_at DESC, a.id LIMIT 1000`,
    [personId],
  );
  return rows;
}

/** The recruiters' messages on one person's applications, oldest first (ids and dates only). */
export async function messagesToPerson(
  q: Queryable,
  personId: string,
): Promise<{ id: string; title: string; created_at: Date }[]> {
  const { rows } = await q.query<{ id: string; title: string; created_at: Date }>(
    `SELECT e.id, o.title, e.created_at FROM application_events e JOIN applications a ON a.id = e.application_id
     JOIN offers o ON o.id = a.offer_id WHERE a.person_id = $1 AND e.kind = 'message'
     ORDER BY e.created_at, e.id LIMIT 1000`,
    [personId],
  );
  return rows;
}
