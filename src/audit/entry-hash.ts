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

/**
 * SHA-256 over a JSON array in fixed order. JSON strings are escaped and arrays delimited, so
 * two different entries can never encode alike; the sequence number is inside, so an entry
 * moved to another place no longer verifies there.
 */
export function entryHash(entry: ChainedEntry): Buffer {
  const canonical = JSON.stringify([
    'rempart-access-log-v1',
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.sessionId,
    entry.action,
    entry.purpose,
    entry.people,
    entry.fields,
    entry.clientAddr,
    entry.prevHash.toString('hex'),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest();
}
