import type { Queryable } from '../db/client.js';
import { breaks } from './breaks.js';
import { selectLogRows, verifiesAt, type LogRow } from './rows.js';
import type { BrokenEntry } from './types.js';

/**
 * How far from its place an entry's content is looked for. The hash covers the seq, so content
 * that verifies at another seq tells where it was written; beyond this window it reads as edited.
 */
const WINDOW = 1024;

/**
 * Names what happened at `expected`, where `row` stands but does not belong: the sequence jumps
 * (deleted, or moved away) or the row's own hash fails (edited, moved, renumbered, pushed down by
 * an insertion). Runs once, on failure, over the rows around the break, whatever the batches.
 */
export async function classifyMisplaced(db: Queryable, expected: number, row: LogRow): Promise<BrokenEntry> {
  const rows = await selectLogRows(db, 'WHERE seq BETWEEN $1 AND $2 ORDER BY seq', [
    expected - WINDOW,
    expected + WINDOW,
  ]);
  if (row.seq !== expected) {
    const moved = belongingAt(expected, rows);
    return moved ? breaks.reordered(expected, moved.seq) : breaks.deleted(expected, row.seq - 1);
  }
  return classifyBadHash(row, rows);
}

/**
 * Content written for a later seq means the entries before it were deleted and the rest
 * renumbered, unless the content of this place sits elsewhere (a swap). Content written for an
 * earlier seq, whose place now holds another entry, means an insertion pushed it down.
 */
function classifyBadHash(row: LogRow, nearby: readonly LogRow[]): BrokenEntry {
  const home = homeOf(row);
  if (home === undefined) return breaks.edited(row.seq);
  if (home < row.seq) {
    const atHome = nearby.find((other) => other.seq === home);
    const copy = atHome !== undefined && atHome.hash === row.hash;
    return copy ? breaks.edited(row.seq) : breaks.shifted(home, row.seq);
  }
  const moved = belongingAt(row.seq, nearby);
  return moved ? breaks.reordered(row.seq, moved.seq) : breaks.renumbered(row.seq, home);
}

/** The seq near its own, other than its own, at which the row's content verifies. */
function homeOf(row: LogRow): number | undefined {
  for (let distance = 1; distance <= WINDOW; distance++) {
    if (verifiesAt(row, row.seq + distance)) return row.seq + distance;
    if (row.seq - distance >= 1 && verifiesAt(row, row.seq - distance)) return row.seq - distance;
  }
  return undefined;
}

/** The row nearby, sitting elsewhere, whose content belongs at `seq`. */
function belongingAt(seq: number, nearby: readonly LogRow[]): LogRow | undefined {
  return nearby.find((other) => other.seq !== seq && verifiesAt(other, seq));
}
