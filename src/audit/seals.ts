import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/client.js';

/** The MAC before the first seal. */
export const GENESIS_MAC = Buffer.alloc(32);
const DIGEST_BYTES = 32;

/**
 * A seal: the entries numbered (fromSeq, toSeq] that exist, in order, with the digest of each,
 * linked to the previous seal by its MAC. Numbers in the range with no entry were rolled back
 * before the range was sealed.
 */
export interface Seal {
  n: number;
  fromSeq: number;
  toSeq: number;
  seqs: number[];
  digests: Buffer[];
  sealedAt: Date;
  prevMac: Buffer;
  mac: Buffer;
}

/**
 * HMAC-SHA256, under a key derived from the master key, over everything the seal says. Without
 * the key, someone who rewrites entries in the database cannot make seals that match them: the
 * chain of SHA-256 hashes of version 1 could be recomputed by anyone with write access.
 */
export function sealMac(key: Buffer, seal: Omit<Seal, 'mac'>): Buffer {
  const header = JSON.stringify([
    'rempart-seal-v2',
    seal.n,
    seal.fromSeq,
    seal.toSeq,
    seal.sealedAt.toISOString(),
    seal.prevMac.toString('hex'),
    seal.seqs,
  ]);
  const mac = createHmac('sha256', key).update(header, 'utf8');
  for (const digest of seal.digests) mac.update(digest);
  return mac.digest();
}

export function macHolds(key: Buffer, seal: Seal): boolean {
  const expected = sealMac(key, seal);
  return seal.mac.length === expected.length && timingSafeEqual(seal.mac, expected);
}

interface SealRow {
  n: number;
  from_seq: number;
  to_seq: number;
  seqs: number[];
  digests: Uint8Array;
  sealed_at: Date;
  prev_mac: Uint8Array;
  mac: Uint8Array;
}

function fromRow(row: SealRow): Seal {
  const all = Buffer.from(row.digests);
  const digests: Buffer[] = [];
  for (let at = 0; at + DIGEST_BYTES <= all.length; at += DIGEST_BYTES)
    digests.push(all.subarray(at, at + DIGEST_BYTES));
  return {
    n: row.n,
    fromSeq: row.from_seq,
    toSeq: row.to_seq,
    seqs: row.seqs.map(Number),
    digests,
    sealedAt: row.sealed_at,
    prevMac: Buffer.from(row.prev_mac),
    mac: Buffer.from(row.mac),
  };
}

/** Seals after number `after`, in order, at most `limit`. */
export async function readSeals(q: Queryable, after: number, limit: number): Promise<Seal[]> {
  const { rows } = await q.query<SealRow>(
    'SELECT n, from_seq, to_seq, seqs, digests, sealed_at, prev_mac, mac FROM access_log_seals WHERE n > $1 ORDER BY n LIMIT $2',
    [after, limit],
  );
  return rows.map(fromRow);
}

/** The newest seal, or null before the first. */
export async function lastSeal(q: Queryable): Promise<Pick<Seal, 'n' | 'toSeq' | 'mac' | 'sealedAt'> | null> {
  const { rows } = await q.query<{ n: number; to_seq: number; mac: Uint8Array; sealed_at: Date }>(
    'SELECT n, to_seq, mac, sealed_at FROM access_log_seals ORDER BY n DESC LIMIT 1',
  );
  const row = rows[0];
  return row ? { n: row.n, toSeq: row.to_seq, mac: Buffer.from(row.mac), sealedAt: row.sealed_at } : null;
}

export async function insertSeal(q: Queryable, seal: Seal): Promise<void> {
  await q.query(
    `INSERT INTO access_log_seals (n, from_seq, to_seq, seqs, digests, sealed_at, prev_mac, mac)
     VALUES ($1, $2, $3, $4::bigint[], $5, $6, $7, $8)`,
    [seal.n, seal.fromSeq, seal.toSeq, seal.seqs, Buffer.concat(seal.digests), seal.sealedAt, seal.prevMac, seal.mac],
  );
}
