import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable, Tx } from '../db/client.js';
import { GENESIS_HASH } from './entry-hash.js';

/** Where verification starts: the signed retention anchor, or the genesis (seq 0). */
export type ChainStart = { seq: number; hash: Buffer; anchored: boolean } | { forged: true; seq: number };

/** The anchor's signature: binds the seq and hash from which the chain restarts after a purge. */
function anchorMac(key: Buffer, seq: number, hash: Buffer, purgedAt: Date): Buffer {
  return createHmac('sha256', key)
    .update(`rempart/anchor/${seq}/${hash.toString('hex')}/${purgedAt.toISOString()}`)
    .digest();
}

/**
 * Reads the anchor and checks its signature. Without the key, nobody can move the start of the
 * chain forward to hide deleted entries, nor drop the anchor (the first entries would then be
 * missing from the genesis).
 */
export async function readChainStart(db: Queryable, key: Buffer): Promise<ChainStart> {
  const { rows } = await db.query<{ seq: number; hash: Uint8Array; signature: Uint8Array; purged_at: Date }>(
    'SELECT seq, hash, signature, purged_at FROM access_log_anchor WHERE id',
  );
  const anchor = rows[0];
  if (!anchor) return { seq: 0, hash: GENESIS_HASH, anchored: false };
  const hash = Buffer.from(anchor.hash);
  const expected = anchorMac(key, anchor.seq, hash, anchor.purged_at);
  const given = Buffer.from(anchor.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { forged: true, seq: anchor.seq };
  return { seq: anchor.seq, hash, anchored: true };
}

/** Writes or replaces the anchor, signed, inside the purge's transaction. */
export async function writeAnchor(
  tx: Tx,
  anchor: { seq: number; hash: Buffer; purgedAt: Date },
  key: Buffer,
): Promise<void> {
  await tx.query(
    `INSERT INTO access_log_anchor (id, seq, hash, signature, purged_at) VALUES (true, $1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, signature = EXCLUDED.signature,
       purged_at = EXCLUDED.purged_at`,
    [anchor.seq, anchor.hash, anchorMac(key, anchor.seq, anchor.hash, anchor.purgedAt), anchor.purgedAt],
  );
}
