import type { Queryable } from '../db/client.js';
import type { ChainPoint } from './anchor.js';
import { breaks } from './breaks.js';
import { entryDigest, selectEntries, type StoredEntry } from './entries.js';
import { macHolds, readSeals, type Seal } from './seals.js';
import type { BrokenEntry } from './types.js';

export interface WalkResult {
  /** The last seal found sound. */
  end: ChainPoint & { sealedAt: Date | null };
  seals: number;
  entries: number;
  broken?: BrokenEntry;
}

export interface WalkOptions {
  chainKey: Buffer;
  /** Seal number → MAC (hex) that a signed checkpoint attests. */
  signed?: ReadonlyMap<number, string>;
  batchSize?: number;
  onProgress?: (entries: number) => void;
}

/**
 * Walks the seals after `start`, in order, and checks each: it follows the previous one (number,
 * entry range, MAC), its own MAC holds under the chain key, it agrees with any signed checkpoint,
 * and the entries of its range are exactly those it lists, with the same digests. Stops at the
 * first break and names it.
 */
export async function walkChain(q: Queryable, start: ChainPoint, options: WalkOptions): Promise<WalkResult> {
  const batchSize = options.batchSize ?? 500;
  const result: WalkResult = { end: { ...start, sealedAt: null }, seals: 0, entries: 0 };
  for (;;) {
    const seals = await readSeals(q, result.end.n, batchSize);
    if (seals.length === 0) return result;
    const entries = await selectEntries(q, 'WHERE seq > $1 AND seq <= $2 ORDER BY seq', [
      seals[0]!.fromSeq,
      seals.at(-1)!.toSeq,
    ]);
    let cursor = 0;
    for (const seal of seals) {
      const linked = checkLink(result.end, seal, options);
      if (linked) return { ...result, broken: linked };
      const within: StoredEntry[] = [];
      while (cursor < entries.length && entries[cursor]!.seq <= seal.toSeq) within.push(entries[cursor++]!);
      const broken = compareEntries(seal, within);
      if (broken) return { ...result, broken };
      result.end = { n: seal.n, toSeq: seal.toSeq, mac: seal.mac, sealedAt: seal.sealedAt };
      result.seals++;
      result.entries += seal.seqs.length;
    }
    options.onProgress?.(result.entries);
    if (seals.length < batchSize) return result;
  }
}

function checkLink(previous: ChainPoint, seal: Seal, options: WalkOptions): BrokenEntry | undefined {
  const firstSeq = previous.toSeq + 1;
  if (seal.n !== previous.n + 1) return breaks.sealsMissing(firstSeq, previous.n + 1, seal.n - 1);
  if (seal.fromSeq !== previous.toSeq || !seal.prevMac.equals(previous.mac))
    return breaks.sealUnlinked(firstSeq, seal.n);
  if (!macHolds(options.chainKey, seal)) return breaks.sealEdited(firstSeq, seal.n);
  const attested = options.signed?.get(seal.n);
  if (attested !== undefined && attested !== seal.mac.toString('hex')) return breaks.rewritten(firstSeq, seal.n);
  return undefined;
}

/** The entries of a seal's range against what the seal lists: the first difference, by number. */
function compareEntries(seal: Seal, entries: readonly StoredEntry[]): BrokenEntry | undefined {
  const listed = new Map(seal.seqs.map((seq, index) => [seq, seal.digests[index]!]));
  const found = new Map(entries.map((entry) => [entry.seq, entry]));
  const numbers = [...new Set([...listed.keys(), ...found.keys()])].sort((a, b) => a - b);
  for (const seq of numbers) {
    const digest = listed.get(seq);
    const entry = found.get(seq);
    if (!digest) return breaks.inserted(seq);
    if (!entry) return breaks.deleted(seq);
    const actual = entryDigest(entry);
    if (actual.equals(digest)) continue;
    // Content that belongs to another number of the same seal was moved there.
    const home = seal.seqs.find(
      (other, index) => other !== seq && seal.digests[index]!.equals(entryDigest({ ...entry, seq: other })),
    );
    return home === undefined ? breaks.edited(seq) : breaks.moved(home, seq);
  }
  return undefined;
}
