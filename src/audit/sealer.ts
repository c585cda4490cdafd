import { performance } from 'node:perf_hooks';
import type { Db, Tx } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { chainStart, type ChainPoint } from './anchor.js';
import { entryDigest, selectEntries, type StoredEntry } from './entries.js';
import { insertSeal, lastSeal, sealMac, type Seal } from './seals.js';

/** Entries sealed per pass at most; a longer backlog takes several passes. */
const BATCH = 5000;
/** After an append, a pass runs this soon, so that a burst of reads shares one seal. */
const NUDGE_DELAY_MS = 3;
/**
 * Under steady reads, a pass starts at most this often: each pass is a transaction of its own
 * with a durable commit, and with one every few milliseconds the sealer took about a quarter of
 * the readers' throughput at concurrency 8 (docs/BENCHMARKS.md). Spaced, each pass seals what
 * dozens of reads committed meanwhile.
 */
const PASS_SPACING_MS = 25;
/** Without appends in this process (another process, the CLI), the sealer still looks this often. */
const POLL_MS = 200;
/**
 * A number missing between committed entries belongs to a transaction still running, or to one
 * that rolled back. It is passed over only when every transaction older than the moment it was
 * first seen has ended, and this long after (a read allocates its number a moment before its
 * transaction id, see docs/architecture.md).
 */
const GAP_GRACE_MS = 1000;
/** Transaction-level advisory lock: one sealer per database, whatever the number of processes. */
const SEALER_LOCK = 7210432;

export interface Sealer {
  /** One pass: chains what is committed and final. Returns the number of entries sealed. */
  sealNow(): Promise<number>;
  /** Asks for a pass in a few milliseconds (called after each append in this process). */
  nudge(): void;
  /** Runs passes in the background until `stop`. */
  start(): void;
  /** Stops the background passes, waits for the one in flight, then seals what is left. */
  stop(): Promise<void>;
}

export interface SealerDeps {
  db: Db;
  chainKey: Buffer;
  clock: Clock;
  onError?: (error: unknown) => void;
  /** Milliseconds from an arbitrary origin; real time by default, whatever the clock says. */
  monotonic?: () => number;
}

interface Gap {
  firstSeenMs: number;
  /** pg_snapshot_xmax when first seen: every transaction below it must have ended. */
  horizon: bigint;
}

/**
 * Files each record an allowed entry names under its id (access_log_subjects), for « Mes
 * accès »: a person's accesses are then a range scan on their id, filed here, off the read path.
 */
async function fileSubjects(tx: Tx, entries: readonly StoredEntry[]): Promise<void> {
  const pairs = entries
    .filter((entry) => entry.outcome === 'allow' && entry.record !== 'none')
    .flatMap((entry) => [...new Set(entry.people)].map((id) => [id, entry.seq] as const));
  if (pairs.length === 0) return;
  await tx.query(
    'INSERT INTO access_log_subjects (subject_id, seq) SELECT * FROM unnest($1::uuid[], $2::bigint[]) ON CONFLICT DO NOTHING',
    [pairs.map(([id]) => id), pairs.map(([, seq]) => seq)],
  );
}

/**
 * The sealer links committed entries into the keyed chain, in the order of their numbers, a few
 * milliseconds after they commit. Readers never wait for it: it runs beside them, alone (an
 * advisory lock keeps a second process from sealing at the same time), and a crash loses
 * nothing, since an entry is committed before its read returns and the next pass seals it.
 */
export function createSealer(deps: SealerDeps): Sealer {
  const monotonic = deps.monotonic ?? (() => performance.now());
  const gaps = new Map<number, Gap>();
  let running: Promise<number> | null = null;
  let again = false;
  let nudgeTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  /** When the last pass began (monotonic): the next one waits for its spacing. */
  let lastStart = Number.NEGATIVE_INFINITY;

  async function pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await deps.db.transaction((tx) => sealBatch(tx));
      total += sealed;
      if (sealed < BATCH) return total;
    }
  }

  async function sealBatch(tx: Tx): Promise<number> {
    const snapshot = await tx.query<{ locked: boolean; xmin: string }>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
      [SEALER_LOCK],
    );
    if (!snapshot.rows[0]!.locked) return 0;
    const xmin = BigInt(snapshot.rows[0]!.xmin);
    const head: ChainPoint & { sealedAt?: Date } = (await lastSeal(tx)) ?? (await chainStart(tx));
    const entries = await selectEntries(tx, 'WHERE seq > $1 ORDER BY seq LIMIT $2', [head.toSeq, BATCH]);
    const { taken, newGap } = takeContiguous(head.toSeq, entries, xmin);
    if (newGap !== null) await rememberGap(tx, newGap);
    if (taken.length === 0) return 0;
    const now = deps.clock.now();
    const unsigned: Omit<Seal, 'mac'> = {
      n: head.n + 1,
      fromSeq: head.toSeq,
      toSeq: taken.at(-1)!.seq,
      seqs: taken.map((entry) => entry.seq),
      digests: taken.map(entryDigest),
      // Never earlier than the previous seal: the purge cuts the chain by this time.
      sealedAt: head.sealedAt && head.sealedAt > now ? head.sealedAt : now,
      prevMac: head.mac,
    };
    await insertSeal(tx, { ...unsigned, mac: sealMac(deps.chainKey, unsigned) });
    await fileSubjects(tx, taken);
    for (const seq of gaps.keys()) if (seq <= unsigned.toSeq) gaps.delete(seq);
    return taken.length;
  }

  /** The entries that follow the head without an unexplained gap; the numbers of a new gap. */
  function takeContiguous(after: number, entries: StoredEntry[], xmin: bigint) {
    const taken: StoredEntry[] = [];
    let expected = after + 1;
    for (const entry of entries) {
      if (entry.seq > expected && !gaps.has(expected)) return { taken, newGap: [expected, entry.seq - 1] as const };
      while (entry.seq > expected) {
        if (!gapIsFinal(expected, xmin)) return { taken, newGap: null };
        expected++;
      }
      taken.push(entry);
      expected = entry.seq + 1;
    }
    return { taken, newGap: null };
  }

  function gapIsFinal(seq: number, xmin: bigint): boolean {
    const gap = gaps.get(seq);
    return gap !== undefined && monotonic() - gap.firstSeenMs >= GAP_GRACE_MS && xmin >= gap.horizon;
  }

  /** Remembers a run of missing numbers, all seen now: they become final together. */
  async function rememberGap(tx: Tx, [first, last]: readonly [number, number]): Promise<void> {
    const { rows } = await tx.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
    const gap = { firstSeenMs: monotonic(), horizon: BigInt(rows[0]!.xmax) };
    for (let seq = first; seq <= last; seq++) gaps.set(seq, gap);
  }

  function run(): void {
    if (running) {
      again = true;
      return;
    }
    lastStart = monotonic();
    running = pass()
      .catch((error: unknown) => {
        deps.onError?.(error);
        return 0;
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  function schedule(): void {
    if (nudgeTimer || !pollTimer) return;
    const delay = Math.min(PASS_SPACING_MS, Math.max(NUDGE_DELAY_MS, lastStart + PASS_SPACING_MS - monotonic()));
    nudgeTimer = setTimeout(() => {
      nudgeTimer = null;
      run();
    }, delay);
  }

  return {
    sealNow: async () => {
      while (running) await running;
      return pass();
    },
    nudge: schedule,
    start: () => {
      if (pollTimer) return;
      pollTimer = setInterval(run, POLL_MS);
      pollTimer.unref();
      run();
    },
    stop: async () => {
      if (pollTimer) clearInterval(pollTimer);
      if (nudgeTimer) clearTimeout(nudgeTimer);
      pollTimer = null;
      nudgeTimer = null;
      while (running) await running;
      await pass().catch((error: unknown) => deps.onError?.(error));
    },
  };
}
