import type { Queryable } from '../db/client.js';

/** One person read in one entry, with the exact fields. */
export interface ActorRead {
  seq: number;
  at: Date;
  action: string;
  purpose: string;
  /** 'person' or 'account': what kind of record the id names. */
  record: string;
  personId: string;
  fields: string[];
  sessionId: string | null;
  clientAddr: string | null;
}

/**
 * A range scan on access_log_actor_at (actor_id, at), so its cost follows the account's own
 * entries in the window, not the length of the log (100 M entries and more).
 */
export const READS_BY_ACTOR_SQL = `SELECT seq, at, action, purpose, record, unnest(people) AS person_id, fields, session_id,
    client_addr
  FROM access_log WHERE actor_id = $1 AND at >= $2 AND at < $3 AND outcome = 'allow' ORDER BY seq`;

/**
 * "What did account X read between T1 and T2" (from inclusive, to exclusive): one row per record
 * per entry, in the order of the log, with the exact fields. Entries naming nobody (security
 * events) give no row; nor do requests the guard refused, which returned nothing.
 */
export async function readsByActor(db: Queryable, actorId: string, from: Date, to: Date): Promise<ActorRead[]> {
  const { rows } = await db.query<{
    seq: number;
    at: Date;
    action: string;
    purpose: string;
    record: string;
    person_id: string;
    fields: string[];
    session_id: string | null;
    client_addr: string | null;
  }>(READS_BY_ACTOR_SQL, [actorId, from, to]);
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    action: row.action,
    purpose: row.purpose,
    record: row.record,
    personId: row.person_id,
    fields: row.fields,
    sessionId: row.session_id,
    clientAddr: row.client_addr,
  }));
}

/** One access to a person's data, as « Mes accès » shows it: who (a role, an organisation), when, why, what. */
export interface AccessAbout {
  seq: number;
  at: Date;
  action: string;
  purpose: string;
  fields: string[];
  /** Null when the platform itself acted (mail delivery, seeding). */
  actorRole: string | null;
  /** The actor's organisation's name; null for citizens and the platform. */
  organisationName: string | null;
  organisationKind: string | null;
}

/**
 * The allowed accesses to records `subjectIds` (a person's id and their account's), newest
 * first, through the index the sealer files (access_log_subjects): a range scan per id, so it
 * costs the person's own history, not the log's length. It names the actor's role and
 * organisation, never a staff member's name or address; the actor's own reads of itself are
 * left out (`exceptActor`), and only reads and searches count unless `actions` says otherwise.
 * Both filters apply before `limit`, so a page holds `limit` kept entries whatever the person's
 * own reads in between. Sealed entries only: a read made in the last few milliseconds appears
 * once sealed.
 */
export async function accessesAbout(
  db: Queryable,
  subjectIds: readonly string[],
  options: { exceptActor?: string | null; before?: number; limit: number; actions?: readonly string[] },
): Promise<AccessAbout[]> {
  const { rows } = await db.query<{
    seq: number;
    at: Date;
    action: string;
    purpose: string;
    fields: string[];
    role: string | null;
    organisation_name: string | null;
    organisation_kind: string | null;
  }>(
    `SELECT l.seq, l.at, l.action, l.purpose, l.fields, a.role, o.name AS organisation_name, o.kind AS organisation_kind
     FROM (SELECT DISTINCT s.seq FROM access_log_subjects s JOIN access_log e ON e.seq = s.seq
           WHERE s.subject_id = ANY($1::uuid[]) AND s.seq < $3
             AND ($2::uuid IS NULL OR e.actor_id IS DISTINCT FROM $2::uuid) AND e.action = ANY($5::text[])
           ORDER BY s.seq DESC LIMIT $4) s
     JOIN access_log l ON l.seq = s.seq
     LEFT JOIN accounts a ON a.id = l.actor_id
     LEFT JOIN organisations o ON o.id = a.organisation_id
     ORDER BY l.seq DESC`,
    [
      subjectIds,
      options.exceptActor ?? null,
      options.before ?? Number.MAX_SAFE_INTEGER,
      options.limit,
      options.actions ?? ['read', 'search'],
    ],
  );
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    action: row.action,
    purpose: row.purpose,
    fields: row.fields,
    actorRole: row.role,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind,
  }));
}
