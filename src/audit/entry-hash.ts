import { createHash } from 'node:crypto';

/** The genesis link: the previous hash of the very first entry. */
export const GENESIS_HASH = Buffer.alloc(32);

/** Everything an entry's hash covers, in its stored form. */
export interface ChainedEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  sessionId: string | null;
  action: string;
  purpose: string;
  people: readonly string[];
  fields: readonly string[];
  clientAddr: string | null;
  prevHash: Buffer;
}

/** The same, as text: `at` in ISO 8601 (UTC, ms), `prevHash` in lower-case hex. */
export type EntryText = Omit<ChainedEntry, 'at' | 'prevHash'> & { at: string; prevHash: string };

/**
 * SHA-256 over the UTF-8 JSON of a fixed-order array:
 * `["rempart-access-log-v1", seq, at (ISO 8601, ms, UTC), actorId, sessionId, action, purpose,
 * [people…], [fields…], clientAddr, prevHash (hex)]`, nulls as JSON null. JSON escapes strings
 * and delimits arrays, so two different entries never encode alike (no field can spill into the
 * next). The seq is inside, so an entry moved elsewhere no longer verifies there. The tag keeps
 * these hashes apart from any other SHA-256 the platform computes (domain separation).
 */
export function entryHash(entry: ChainedEntry): Buffer {
  return entryTextHash({ ...entry, at: entry.at.toISOString(), prevHash: entry.prevHash.toString('hex') });
}

/** The same hash, from the text form the verifier reads (no Date or bytes to rebuild per row). */
export function entryTextHash(entry: EntryText): Buffer {
  const canonical = JSON.stringify([
    'rempart-access-log-v1',
    entry.seq,
    entry.at,
    entry.actorId,
    entry.sessionId,
    entry.action,
    entry.purpose,
    entry.people,
    entry.fields,
    entry.clientAddr,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest();
}
