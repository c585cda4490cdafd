import type { Queryable } from '../db/client.js';
import { verifiedChainStart } from './anchor.js';
import { breaks } from './breaks.js';
import { readCheckpointCopies, readCheckpointFiles, type SignedCheckpoint } from './checkpoints.js';
import type { BrokenEntry, VerifyOptions, VerifyReport } from './types.js';
import { walkChain } from './walk.js';

/** An unsealed entry older than this means the sealer is down, or the entry came from elsewhere. */
export const UNSEALED_GRACE_MS = 2 * 60_000;
/** A seal older than this with no checkpoint over it means checkpoints went missing (one a minute). */
export const UNCOVERED_GRACE_MS = 3 * 60_000;

/**
 * Verifies the whole access log: the signed checkpoints (outside the database) are all there,
 * numbered without a gap and chained, and agree with their copies in the database; the retention
 * anchor is signed; every seal from the anchor (or the genesis) follows the one before, holds
 * under the chain key, matches the checkpoints, and lists exactly the entries of its range; the
 * newest checkpoint is reached; no seal has gone uncovered, and no entry unsealed, for long.
 * Names the first break. Entries appended meanwhile are left for next time.
 */
export async function verifyAccessLog(db: Queryable, options: VerifyOptions): Promise<VerifyReport> {
  const { valid, forged } = await readCheckpointFiles(options.checkpointDir, options.checkpointKey);
  const start = await verifiedChainStart(db, options.checkpointKey);
  const report: VerifyReport = {
    ok: true,
    checked: 0,
    seals: 0,
    headSeq: start.point.toSeq,
    startSeq: start.point.toSeq,
    lastSeq: start.point.toSeq,
    checkpoints: valid.length,
    forgedCheckpoints: forged,
    unsealed: 0,
  };
  const checkpointBreak = checkCheckpointChain(valid) ?? checkCopies(valid, await readCheckpointCopies(db));
  if (checkpointBreak) return fail(report, checkpointBreak);
  if (start.forged) return fail(report, breaks.anchor(start.point.toSeq));
  const total = await countEntries(db, start.point.toSeq);
  const walked = await walkChain(db, start.point, {
    chainKey: options.chainKey,
    signed: new Map(valid.map((c) => [c.sealN, c.sealMac])),
    batchSize: options.batchSize,
    onProgress: (entries) => options.onProgress?.(entries, total),
  });
  report.checked = walked.entries;
  report.seals = walked.seals;
  report.headSeq = walked.end.toSeq;
  report.lastSeq = walked.end.toSeq;
  if (walked.broken) return fail(report, walked.broken);
  const newest = valid.at(-1)!;
  if (newest.sealN > walked.end.n)
    return fail(report, breaks.truncated(walked.end.n, newest.sealN, walked.end.toSeq + 1));
  const uncovered = await firstUncoveredSeal(db, newest, options.now);
  if (uncovered) return fail(report, breaks.uncovered(uncovered.fromSeq + 1, uncovered.n));
  const tail = await unsealedTail(db, walked.end.toSeq);
  report.unsealed = tail.count;
  if (tail.count > 0 && options.now.getTime() - tail.oldest!.getTime() > UNSEALED_GRACE_MS) {
    return fail(report, breaks.unsealed(tail.first!, tail.count));
  }
  return report;
}

/** The checkpoints start at the genesis and follow each other without a gap, each signing the last. */
function checkCheckpointChain(valid: readonly SignedCheckpoint[]): BrokenEntry | undefined {
  if (valid.length === 0) return breaks.noCheckpoint();
  if (valid[0]!.i !== 0) return breaks.checkpointGap(0, valid[0]!.i - 1);
  for (let index = 1; index < valid.length; index++) {
    const previous = valid[index - 1]!;
    const current = valid[index]!;
    if (current.i === previous.i && current.sig === previous.sig) continue;
    if (current.i !== previous.i + 1) return breaks.checkpointGap(previous.i + 1, current.i - 1);
    if (current.prevSig !== previous.sig) return breaks.checkpointUnlinked(current.i);
  }
  return undefined;
}

/** Every copy in the database has its signed line in the files, with the same signature. */
function checkCopies(valid: readonly SignedCheckpoint[], copies: ReadonlyMap<number, string>): BrokenEntry | undefined {
  const signed = new Map(valid.map((c) => [c.i, c.sig]));
  const missing = [...copies.keys()].filter((i) => !signed.has(i));
  if (missing.length > 0) return breaks.checkpointFilesMissing(missing[0]!, missing.at(-1)!);
  for (const [i, sig] of copies) if (signed.get(i) !== sig) return breaks.checkpointCopyDiffers(i);
  return undefined;
}

async function countEntries(db: Queryable, after: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log WHERE seq > $1', [after]);
  return rows[0]!.n;
}

async function firstUncoveredSeal(db: Queryable, newest: SignedCheckpoint, now: Date) {
  const { rows } = await db.query<{ n: number; from_seq: number }>(
    'SELECT n, from_seq FROM access_log_seals WHERE n > $1 AND sealed_at < $2 ORDER BY n LIMIT 1',
    [newest.sealN, new Date(now.getTime() - UNCOVERED_GRACE_MS)],
  );
  const row = rows[0];
  return row ? { n: row.n, fromSeq: row.from_seq } : null;
}

async function unsealedTail(db: Queryable, after: number) {
  const { rows } = await db.query<{ count: number; first: number | null; oldest: Date | null }>(
    'SELECT count(*)::int AS count, min(seq) AS first, min(at) AS oldest FROM access_log WHERE seq > $1',
    [after],
  );
  const row = rows[0]!;
  return { count: row.count, first: row.first, oldest: row.oldest };
}

function fail(report: VerifyReport, broken: BrokenEntry): VerifyReport {
  return { ...report, ok: false, firstBroken: broken };
}
