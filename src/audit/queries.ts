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
