import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { writeAnchor } from './anchor.js';

/** What a purge removed, and where the verifiable chain now starts (null: nothing was purged). */
export interface PurgeResult {
  deleted: number;
  anchorSeq: number | null;
}

/**
 * Retention: CNIL délibération n° 2021-122 (recommandation sur la journalisation) advises
 * keeping access logs six months to one year; rempart keeps one year by default
 * (AUDIT_RETENTION_DAYS). In one transaction, under the head lock, deletes the prefix of the
 * chain older than `before` (stopping at the first entry that is not, so what remains is still
 * one unbroken chain) and records the last deleted entry's seq and hash as a signed anchor, from
 * which verification restarts.
 */
export async function purgeAccessLog(
  db: Db,
  options: { before: Date; key: Buffer; clock: Clock },
): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    // Appends wait while the prefix is cut and the anchor moved.
    await tx.query('SELECT seq FROM access_log_head WHERE id FOR UPDATE');
    const { rows } = await tx.query<{ seq: number; hash: Uint8Array }>(
      `SELECT seq, hash FROM access_log WHERE seq = COALESCE(
         (SELECT min(seq) - 1 FROM access_log WHERE at >= $1),
         (SELECT max(seq) FROM access_log))`,
      [options.before],
    );
    const last = rows[0];
    // Nothing older than `before` is left (the entry before the first recent one is already gone).
    if (!last) return { deleted: 0, anchorSeq: null };
    const deleted = await tx.query('DELETE FROM access_log WHERE seq <= $1', [last.seq]);
    await writeAnchor(tx, { seq: last.seq, hash: Buffer.from(last.hash), purgedAt: options.clock.now() }, options.key);
    return { deleted: deleted.affectedRows, anchorSeq: last.seq };
  });
}
