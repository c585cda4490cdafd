import type { Queryable } from '../db/client.js';
import { seatsTakenSql } from './referrals.repo.js';

/*
 * SQL over the training side's own non-personal tables: sessions, information meetings and
 * their slots. Every query that takes an id also takes the organisation, so that another
 * organisation's id finds nothing, exactly like an id that does not exist.
 */

export const fundings = ['afc', 'aif', 'poe', 'region', 'cpf', 'other'] as const;
export type Funding = (typeof fundings)[number];

export interface SessionRow {
  id: string;
  title: string;
  formacode: string | null;
  departement: string;
  place: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  funding: Funding;
  imported: boolean;
  referrals: number;
  open: number;
  /** Seats held by accepted trainees and those in training (`seatHolders`). */
  seatsTaken: number;
}

/** A session to insert: what the organisation says of it, without the counts. */
export type NewSession = Omit<SessionRow, 'imported' | 'referrals' | 'open' | 'seatsTaken'>;

const sessionColumns = `s.id, s.title, s.formacode, s.departement, s.place, s.starts_on::text AS "startsOn",
  s.ends_on::text AS "endsOn", s.capacity, s.funding, s.imported,
  (SELECT count(*)::int FROM referrals r WHERE r.session_id = s.id) AS referrals,
  (SELECT count(*)::int FROM referrals r WHERE r.session_id = s.id AND r.status IN ('referred', 'accepted', 'entered')) AS open,
  ${seatsTakenSql('s')} AS "seatsTaken"`;

/** One page of the organisation's sessions, the latest start first, and how many there are. */
export async function listSessions(
  q: Queryable,
  organisationId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: SessionRow[]; total: number }> {
  const { rows } = await q.query<SessionRow>(
    `SELECT ${sessionColumns} FROM training_sessions s WHERE s.organisation_id = $1
     ORDER BY s.starts_on DESC, s.id LIMIT $2 OFFSET $3`,
    [organisationId, page.limit, page.offset],
  );
  const count = await q.query<{ total: number }>(
    'SELECT count(*)::int AS total FROM training_sessions WHERE organisation_id = $1',
    [organisationId],
  );
  return { rows, total: count.rows[0]!.total };
}

/** One of the organisation's sessions, or null (another organisation's, or none). */
export async function findSession(q: Queryable, organisationId: string, id: string): Promise<SessionRow | null> {
  const { rows } = await q.query<SessionRow>(
    `SELECT ${sessionColumns} FROM training_sessions s WHERE s.organisation_id = $1 AND s.id = $2`,
    [organisationId, id],
  );
  return rows[0] ?? null;
}

/** Inserts sessions of one organisation, all or none (the caller's transaction for an import). */
export async function insertSessions(
  q: Queryable,
  organisationId: string,
  createdBy: string,
  sessions: readonly NewSession[],
  imported: boolean,
): Promise<void> {
  if (sessions.length === 0) return;
  const column = <K extends keyof NewSession>(key: K) => sessions.map((s) => s[key]);
  await q.query(
    `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on,
       capacity, funding, created_by, imported)
     SELECT id, $1, title, formacode, departement, place, starts_on, ends_on, capacity, funding, $2, $3
     FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[], $11::int[], $12::text[])
       AS t(id, title, formacode, departement, place, starts_on, ends_on, capacity, funding)`,
    [
      organisationId,
      createdBy,
      imported,
      column('id'),
      column('title'),
      column('formacode'),
      column('departement'),
      column('place'),
      column('startsOn'),
      column('endsOn'),
      column('capacity'),
      column('funding'),
    ],
  );
}

export interface InformationSlotRow {
  meetingId: string;
  place: string;
  slotId: string | null;
  startsAt: Date | null;
  minutes: number | null;
  seats: number | null;
}

/** A session's information meetings and their slots, in time order. */
export async function informationSlots(q: Queryable, sessionId: string): Promise<InformationSlotRow[]> {
  const { rows } = await q.query<InformationSlotRow>(
    `SELECT i.id AS "meetingId", i.place, l.id AS "slotId", l.starts_at AS "startsAt", l.minutes, l.seats
     FROM information_sessions i LEFT JOIN information_slots l ON l.information_session_id = i.id
     WHERE i.session_id = $1 ORDER BY i.created_at, i.id, l.starts_at LIMIT 200`,
    [sessionId],
  );
  return rows;
}

/** A new information meeting with its slots, for a session the caller has checked is the organisation's. */
export async function insertInformationSession(
  q: Queryable,
  input: {
    id: string;
    sessionId: string;
    place: string;
    createdBy: string;
    slots: readonly { id: string; startsAt: Date; minutes: number; seats: number }[];
  },
): Promise<void> {
  await q.query('INSERT INTO information_sessions (id, session_id, place, created_by) VALUES ($1, $2, $3, $4)', [
    input.id,
    input.sessionId,
    input.place,
    input.createdBy,
  ]);
  await q.query(
    `INSERT INTO information_slots (id, information_session_id, starts_at, minutes, seats)
     SELECT id, $1, starts_at, minutes, seats FROM unnest($2::uuid[], $3::timestamptz[], $4::int[], $5::int[])
       AS t(id, starts_at, minutes, seats)`,
    [
      input.id,
      input.slots.map((s) => s.id),
      input.slots.map((s) => s.startsAt),
      input.slots.map((s) => s.minutes),
      input.slots.map((s) => s.seats),
    ],
  );
}
