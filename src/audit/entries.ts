import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import type { AccessEntryInput, AccessLog } from './types.js';

/** The columns an entry is inserted with, in the order of {@link entryValues}. */
export const ENTRY_COLUMNS =
  'at, actor_id, session_id, action, purpose, record, people, probed, fields, client_addr, outcome, breadth';

/** The same columns' placeholders, starting at `$first`, with their casts. */
export function entryPlaceholders(first: number): string {
  const casts = ['', '::uuid', '', '', '', '', '::uuid[]', '::uuid[]', '::text[]', '', '', '::int'];
  return casts.map((cast, index) => `$${first + index}${cast}`).join(', ');
}

/** An entry's values in the order of {@link ENTRY_COLUMNS}. */
export function entryValues(entry: AccessEntryInput, at: Date): unknown[] {
  return [
    at,
    entry.actorId,
    entry.sessionId,
    entry.action,
    entry.purpose,
    entry.record ?? 'person',
    entry.people,
    entry.probed ?? [],
    entry.fields,
    entry.clientAddr,
    entry.outcome ?? 'allow',
    entry.breadth ?? null,
  ];
}

/**
 * The access log's append: one INSERT, in the caller's transaction or on its own. No lock, no
 * read of the previous entry: the sealer (./sealer.ts) chains entries after they commit, so
 * concurrent writers never wait on each other. `onAppend` lets the sealer know there is work.
 *
 * With `pseudonymise`, a client address is stored only as what it returns (a keyed tag): the
 * security journal's entries (logins, resets, registrations) come from anyone, citizens
 * included, whose addresses must not rest in clear (issue 8, item 7). The vault's own entries
 * decide per actor and do not come through here.
 */
export function createAccessLog(deps: {
  clock: { now(): Date };
  onAppend?: () => void;
  pseudonymise?: (address: string) => string;
}): AccessLog {
  const sql = `INSERT INTO access_log (${ENTRY_COLUMNS}) VALUES (${entryPlaceholders(1)}) RETURNING seq`;
  return {
    async append(q: Queryable, entry: AccessEntryInput) {
      const clientAddr = entry.clientAddr && deps.pseudonymise ? deps.pseudonymise(entry.clientAddr) : entry.clientAddr;
      const { rows } = await q.query<{ seq: number }>(sql, entryValues({ ...entry, clientAddr }, deps.clock.now()));
      deps.onAppend?.();
      return { seq: rows[0]!.seq };
    },
  };
}

/** An entry as the sealer and the verifier read it back: the stored values, as text. */
export interface StoredEntry {
  seq: number;
  at: string;
  actorId: string | null;
  sessionId: string | null;
  action: string;
  purpose: string;
  record: string;
  people: string[];
  probed: string[];
  fields: string[];
  clientAddr: string | null;
  outcome: string;
  breadth: number | null;
}

/**
 * Each row comes as one JSON array of text: uuids in PostgreSQL's canonical lower case, the time
 * to the microsecond in UTC. One column instead of thirteen, and no Date or uuid array rebuilt
 * per row. JSON.parse decodes whatever escaping PostgreSQL chose, so the strings are exactly
 * those stored, on PGlite as on PostgreSQL.
 */
const SELECT_ENTRIES = `SELECT json_build_array(seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    actor_id, session_id, action, purpose, record, people, probed, fields, client_addr, outcome, breadth)::text AS entry
  FROM access_log`;

type Tuple = [
  number,
  string,
  string | null,
  string | null,
  string,
  string,
  string,
  string[],
  string[],
  string[],
  string | null,
  string,
  number | null,
];

/** Reads entries in their stored form, through SELECT_ENTRIES followed by `tail` (WHERE, ORDER BY, LIMIT). */
export async function selectEntries(q: Queryable, tail: string, params: readonly unknown[]): Promise<StoredEntry[]> {
  const { rows } = await q.query<{ entry: string }>(`${SELECT_ENTRIES} ${tail}`, params);
  return rows.map(({ entry }) => {
    const [seq, at, actorId, sessionId, action, purpose, record, people, probed, fields, clientAddr, outcome, breadth] =
      JSON.parse(entry) as Tuple;
    return {
      seq,
      at,
      actorId,
      sessionId,
      action,
      purpose,
      record,
      people,
      probed,
      fields,
      clientAddr,
      outcome,
      breadth,
    };
  });
}

/**
 * SHA-256 over the UTF-8 JSON of a fixed-order array of the stored values, tagged with the
 * format's version (domain separation). JSON escapes strings and delimits arrays, so two
 * different entries never encode alike; the seq is inside, so an entry moved to another number
 * no longer matches. The digest is not keyed: the seal that lists it is.
 */
export function entryDigest(entry: StoredEntry): Buffer {
  const canonical = JSON.stringify([
    'rempart-access-log-v2',
    entry.seq,
    entry.at,
    entry.actorId,
    entry.sessionId,
    entry.action,
    entry.purpose,
    entry.record,
    entry.people,
    entry.probed,
    entry.fields,
    entry.clientAddr,
    entry.outcome,
    entry.breadth,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest();
}
