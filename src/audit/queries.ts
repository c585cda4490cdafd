import type { Queryable } from '../db/client.js';

export interface ActorRead {
  seq: number;
  at: Date;
  action: string;
  purpose: string;
  personId: string;
  fields: string[];
  sessionId: string | null;
  clientAddr: string | null;
}

/**
 * "What did account X read between T1 and T2": one row per person per entry, with the exact
 * fields. A range scan on access_log (actor_id, at), so it stays fast however long the log.
 */
export async function readsByActor(db: Queryable, actorId: string, from: Date, to: Date): Promise<ActorRead[]> {
  const { rows } = await db.query<{
    seq: number;
    at: Date;
    action: string;
    purpose: string;
    person_id: string;
    fields: string[];
    session_id: string | null;
    client_addr: string | null;
  }>(
    `SELECT seq, at, action, purpose, unnest(people) AS person_id, fields, session_id, client_addr
     FROM access_log WHERE actor_id = $1 AND at >= $2 AND at < $3 ORDER BY seq`,
    [actorId, from, to],
  );
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    action: row.action,
    purpose: row.purpose,
    personId: row.person_id,
    fields: row.fields,
    sessionId: row.session_id,
    clientAddr: row.client_addr,
  }));
}
