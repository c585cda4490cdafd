import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { anchorMac } from './checkpoints.js';

export interface PurgeResult {
  deleted: number;
  anchorSeq: number | null;
}

/**
 * Retention (CNIL délibération n° 2021-122: keep access logs six months to one year): deletes the
 * prefix of the chain older than `before`, and records the last deleted entry's seq and hash as
 * a signed anchor from which verification restarts. Only a prefix is ever deleted, so what
 * remains is still one unbroken chain.
 */
export async function purgeAccessLog(
  db: Db,
  options: { before: Date; key: Buffer; clock: Clock },
): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    // Appends wait while the prefix is cut and the anchor moved.
    await tx.query('SELECT seq FROM access_log_head WHERE id FOR UPDATE');
    const { rows } = await tx.query<{ last: number | null }>(
      `SELECT COALESCE(
         (SELECT min(seq) - 1 FROM access_log WHERE at >= $1),
         (SELECT max(seq) FROM access_log)) AS last`,
      [options.before],
    );
    const last = rows[0]?.last ?? null;
    if (last === null) return { deleted: 0, anchorSeq: null };
    const target = await tx.query<{ hash: Uint8Array }>('SELECT hash FROM access_log WHERE seq = $1', [last]);
    const hash = target.rows[0] ? Buffer.from(target.rows[0].hash) : null;
    if (!hash) return { deleted: 0, anchorSeq: null };
    const deleted = await tx.query('DELETE FROM access_log WHERE seq <= $1', [last]);
    const purgedAt = options.clock.now();
    await tx.query(
      `INSERT INTO access_log_anchor (id, seq, hash, signature, purged_at) VALUES (true, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, signature = EXCLUDED.signature,
         purged_at = EXCLUDED.purged_at`,
      [last, hash, anchorMac(options.key, last, hash, purgedAt), purgedAt],
    );
    return { deleted: deleted.affectedRows, anchorSeq: last };
  });
}
