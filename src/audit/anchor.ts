import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import { GENESIS_MAC } from './seals.js';

/** A place in the chain: the last seal before it, the last entry it covers, that seal's MAC. */
export interface ChainPoint {
  n: number;
  toSeq: number;
  mac: Buffer;
}

export const GENESIS: ChainPoint = { n: 0, toSeq: 0, mac: GENESIS_MAC };

interface AnchorRow {
  seal_n: number;
  to_seq: number;
  seal_mac: Uint8Array;
  purged_at: Date;
  signature: Uint8Array;
}

/** The anchor's signature binds the seal from which the chain restarts after a purge. */
export function anchorSignature(key: Buffer, point: ChainPoint, purgedAt: Date): Buffer {
  return createHmac('sha256', key)
    .update(
      JSON.stringify(['rempart-anchor-v2', point.n, point.toSeq, point.mac.toString('hex'), purgedAt.toISOString()]),
    )
    .digest();
}

/** Where the chain starts: after the retention anchor, or at the genesis. The signature is not checked here. */
export async function chainStart(q: Queryable): Promise<ChainPoint> {
  const { rows } = await q.query<AnchorRow>('SELECT seal_n, to_seq, seal_mac FROM access_log_anchor WHERE id');
  const row = rows[0];
  return row ? { n: row.seal_n, toSeq: row.to_seq, mac: Buffer.from(row.seal_mac) } : GENESIS;
}

/**
 * The start of the chain, with its signature checked: without the key, nobody can move the
 * start forward to hide deleted entries.
 */
export async function verifiedChainStart(
  q: Queryable,
  key: Buffer,
): Promise<{ point: ChainPoint; anchored: boolean; forged: boolean }> {
  const { rows } = await q.query<AnchorRow>(
    'SELECT seal_n, to_seq, seal_mac, purged_at, signature FROM access_log_anchor WHERE id',
  );
  const row = rows[0];
  if (!row) return { point: GENESIS, anchored: false, forged: false };
  const point = { n: row.seal_n, toSeq: row.to_seq, mac: Buffer.from(row.seal_mac) };
  const expected = anchorSignature(key, point, row.purged_at);
  const given = Buffer.from(row.signature);
  const forged = given.length !== expected.length || !timingSafeEqual(given, expected);
  return { point, anchored: true, forged };
}
