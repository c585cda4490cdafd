import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { anchorSignature } from './anchor.js';

/** What a purge removed, and where the verifiable chain now starts (null: nothing was purged). */
export interface PurgeResult {
  deleted: number;
  anchorSeq: number | null;
}

/**
 * Retention: CNIL délibération n° 2021-122 (recommandation sur la journalisation) advises
 * keeping access logs six months to one year; rempart keeps one year by default
 * (AUDIT_RETENTION_DAYS). Cuts the chain after the last seal made before `before` (every entry a
 * seal covers is older than the seal), through `access_log_purge()`, the only path that may
 * delete from the log: it removes that prefix and moves the signed anchor there, from which
 * verification restarts. What remains is one unbroken chain.
 */
export async function purgeAccessLog(
  db: Db,
  options: { before: Date; checkpointKey: Buffer; clock: Clock },
): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ n: number; to_seq: number; mac: Uint8Array }>(
      'SELECT n, to_seq, mac FROM access_log_seals WHERE sealed_at < $1 ORDER BY n DESC LIMIT 1',
      [options.before],
    );
    const cut = rows[0];
    if (!cut) return { deleted: 0, anchorSeq: null };
    const purgedAt = options.clock.now();
    const point = { n: cut.n, toSeq: cut.to_seq, mac: Buffer.from(cut.mac) };
    const signature = anchorSignature(options.checkpointKey, point, purgedAt);
    const result = await tx.query<{ deleted: number }>('SELECT access_log_purge($1, $2, $3) AS deleted', [
      cut.n,
      purgedAt,
      signature,
    ]);
    return { deleted: result.rows[0]!.deleted, anchorSeq: cut.to_seq };
  });
}
