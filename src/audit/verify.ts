import type { Queryable } from '../db/client.js';
import { readChainStart } from './anchor.js';
import { breaks } from './breaks.js';
import { readCheckpoints, type Checkpoint } from './checkpoints.js';
import { classifyMisplaced } from './classify.js';
import { selectLogRows, verifiesAt, type LogRow } from './rows.js';
import type { BrokenEntry, VerifyOptions, VerifyReport } from './types.js';

/** The last entry found sound (its hash in hex), and whether something outside vouches for it. */
interface Cursor {
  seq: number;
  hash: string;
  vouched: boolean;
  /** The last seq a signed checkpoint (or the anchor) confirmed. */
  confirmed: number;
}

/**
 * Recomputes the chain from the signed retention anchor (or the genesis) to the head, in
 * batches (keyset pagination on seq), checks it against the signed checkpoints kept outside the
 * database, and names the first broken entry and how it was broken. Checkpoints are read before
 * the head, so that none can be newer than it; entries appended meanwhile are left for next time.
 * Run it apart from a purge, which moves the start of the chain.
 */
export async function verifyAccessLog(db: Queryable, options: VerifyOptions): Promise<VerifyReport> {
  const { valid, forged } = await readCheckpoints(options.checkpointDir, options.key);
  const head = await readHead(db);
  const start = await readChainStart(db, options.key);
  const report: VerifyReport = {
    ok: true,
    checked: 0,
    headSeq: head.seq,
    startSeq: start.seq,
    lastSeq: start.seq,
    checkpoints: valid.length,
    forgedCheckpoints: forged,
  };
  if ('forged' in start) return fail(report, breaks.anchor(start.seq));
  const signed = new Map(valid.filter((c) => c.seq > start.seq).map((c) => [c.seq, c.hash]));
  const cursor: Cursor = { seq: start.seq, hash: start.hash.toString('hex'), vouched: true, confirmed: start.seq };
  const total = Math.max(0, head.seq - start.seq);
  const batchSize = options.batchSize ?? 5000;
  for (;;) {
    // No upper bound in SQL: with one, a freshly filled table without statistics gets a bitmap
    // scan that sorts the whole rest of the log for every batch. Rows past the head stop the walk.
    const rows = await selectLogRows(db, 'WHERE seq > $1 ORDER BY seq LIMIT $2', [cursor.seq, batchSize]);
    const within = rows.filter((row) => row.seq <= head.seq);
    for (const row of within) {
      const broken = checkRow(row, cursor, signed);
      if (broken === 'misplaced') return fail(report, await classifyMisplaced(db, cursor.seq + 1, row));
      if (broken) return fail(report, broken);
      report.checked++;
    }
    report.lastSeq = cursor.seq;
    if (within.length > 0) options.onProgress?.(report.checked, total);
    if (within.length < batchSize) break;
  }
  const broken = checkTail(cursor, head, valid.at(-1)) ?? (await checkBeyondHead(db));
  return broken ? fail(report, broken) : report;
}

/**
 * Checks one row against the cursor, then moves the cursor onto it. A row out of sequence or
 * whose hash fails is 'misplaced', for the classifier to tell how.
 */
function checkRow(
  row: LogRow,
  cursor: Cursor,
  signed: ReadonlyMap<number, string>,
): BrokenEntry | 'misplaced' | undefined {
  if (row.seq !== cursor.seq + 1 || !verifiesAt(row)) return 'misplaced';
  if (row.prevHash !== cursor.hash) {
    // The row is whole but does not link. If its predecessor is vouched for, the row is foreign;
    // otherwise the likelier story is a predecessor rewritten with a recomputed hash.
    return cursor.vouched ? breaks.unlinked(row.seq) : breaks.recomputed(cursor.seq);
  }
  const checkpoint = signed.get(row.seq);
  if (checkpoint !== undefined && checkpoint !== row.hash) return breaks.rewritten(row.seq, cursor.confirmed);
  cursor.seq = row.seq;
  cursor.hash = row.hash;
  cursor.vouched = checkpoint !== undefined;
  if (cursor.vouched) cursor.confirmed = row.seq;
  return undefined;
}

/** The chain must reach the newest signed checkpoint and the head, and end on the head's hash. */
function checkTail(cursor: Cursor, head: { seq: number; hash: string }, latest: Checkpoint | undefined) {
  if (latest && latest.seq > cursor.seq) return breaks.truncatedAtCheckpoint(cursor.seq, latest.seq);
  if (head.seq > cursor.seq) return breaks.truncatedAtHead(cursor.seq, head.seq);
  if (head.hash !== cursor.hash) return breaks.headMismatch(cursor.seq);
  return undefined;
}

/**
 * Entries past the head were not appended through the lock. Head and maximum are read in one
 * statement, so an append committing meanwhile (which moves both together) is never mistaken.
 */
async function checkBeyondHead(db: Queryable): Promise<BrokenEntry | undefined> {
  const { rows } = await db.query<{ seq: number; beyond: number | null }>(
    'SELECT seq, (SELECT min(seq) FROM access_log WHERE seq > h.seq) AS beyond FROM access_log_head h WHERE id',
  );
  const row = rows[0];
  return row && row.beyond !== null ? breaks.beyondHead(row.beyond, row.seq) : undefined;
}

async function readHead(db: Queryable): Promise<{ seq: number; hash: string }> {
  const { rows } = await db.query<{ seq: number; hash: string }>(
    "SELECT seq, encode(hash, 'hex') AS hash FROM access_log_head WHERE id",
  );
  const head = rows[0];
  if (!head) throw new Error('journal des accès : ligne de tête absente');
  return head;
}

function fail(report: VerifyReport, broken: BrokenEntry): VerifyReport {
  return { ...report, ok: false, firstBroken: broken };
}
