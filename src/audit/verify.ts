import { timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import { anchorMac, readCheckpoints, type Checkpoint } from './checkpoints.js';
import { entryHash, GENESIS_HASH, type ChainedEntry } from './entry-hash.js';

export type BreakKind = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'inserted';

export interface VerifyReport {
  ok: boolean;
  /** Entries read and checked. */
  checked: number;
  /** The last sequence number found in the database. */
  lastSeq: number;
  /** Signed checkpoints read, and lines whose signature did not hold. */
  checkpoints: number;
  forgedCheckpoints: number;
  firstBroken?: { seq: number; kind: BreakKind; message: string };
}

export interface VerifyOptions {
  checkpointDir: string;
  key: Buffer;
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
}

interface Row {
  seq: number;
  at: Date;
  actor_id: string | null;
  session_id: string | null;
  action: string;
  purpose: string;
  people: string[];
  fields: string[];
  client_addr: string | null;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

function asEntry(row: Row, seq = row.seq): ChainedEntry {
  return {
    seq,
    at: row.at,
    actorId: row.actor_id,
    sessionId: row.session_id,
    action: row.action,
    purpose: row.purpose,
    people: row.people,
    fields: row.fields,
    clientAddr: row.client_addr,
    prevHash: Buffer.from(row.prev_hash),
  };
}

const messages: Record<BreakKind, (seq: number) => string> = {
  edited: (seq) => `L’entrée n° ${seq} a été modifiée : son empreinte ne correspond plus à son contenu.`,
  deleted: (seq) => `L’entrée n° ${seq} a été supprimée : la séquence saute ce numéro.`,
  reordered: (seq) => `L’entrée n° ${seq} a été déplacée : son contenu appartient à une autre position de la chaîne.`,
  truncated: (seq) =>
    `Le journal a été tronqué : les entrées à partir du n° ${seq} manquent, alors qu’un point de contrôle signé les atteste.`,
  inserted: (seq) => `L’entrée n° ${seq} ne s’enchaîne pas à la précédente : une entrée a été insérée ou remplacée.`,
};

function broken(report: VerifyReport, seq: number, kind: BreakKind): VerifyReport {
  return { ...report, ok: false, firstBroken: { seq, kind, message: messages[kind](seq) } };
}

/** Where the chain starts: the signed retention anchor, or the genesis. */
async function startOfChain(db: Queryable, key: Buffer): Promise<{ seq: number; hash: Buffer } | 'forged'> {
  const { rows } = await db.query<{ seq: number; hash: Uint8Array; signature: Uint8Array; purged_at: Date }>(
    'SELECT seq, hash, signature, purged_at FROM access_log_anchor WHERE id',
  );
  const anchor = rows[0];
  if (!anchor) return { seq: 0, hash: GENESIS_HASH };
  const expected = anchorMac(key, anchor.seq, Buffer.from(anchor.hash), anchor.purged_at);
  if (!same(Buffer.from(anchor.signature), expected)) return 'forged';
  return { seq: anchor.seq, hash: Buffer.from(anchor.hash) };
}

/** Classifies an entry whose own hash fails: moved from elsewhere in the batch, or edited. */
function classifyBadHash(row: Row, batch: Row[]): BreakKind {
  for (const other of batch) {
    if (other.seq !== row.seq && same(entryHash(asEntry(row, other.seq)), Buffer.from(row.hash))) return 'reordered';
  }
  return 'edited';
}

/**
 * Recomputes the whole chain, from the anchor (after a purge) or the genesis, in batches, and
 * checks it against the signed checkpoints kept outside the database. Names the first broken
 * entry and how it was broken.
 */
export async function verifyAccessLog(db: Queryable, options: VerifyOptions): Promise<VerifyReport> {
  const { valid, forged } = await readCheckpoints(options.checkpointDir, options.key);
  const signed = new Map<number, Checkpoint>(valid.map((checkpoint) => [checkpoint.seq, checkpoint]));
  const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log')).rows[0]!.n;
  let report: VerifyReport = { ok: true, checked: 0, lastSeq: 0, checkpoints: valid.length, forgedCheckpoints: forged };
  const start = await startOfChain(db, options.key);
  if (start === 'forged') return broken(report, 0, 'edited');
  let expectedSeq = start.seq + 1;
  let expectedPrev = start.hash;
  report.lastSeq = start.seq;
  for (;;) {
    const { rows } = await db.query<Row>('SELECT * FROM access_log WHERE seq > $1 ORDER BY seq LIMIT $2', [
      report.lastSeq,
      options.batchSize ?? 5000,
    ]);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(report, expectedSeq, 'deleted');
      const hash = Buffer.from(row.hash);
      if (!same(entryHash(asEntry(row)), hash)) return broken(report, row.seq, classifyBadHash(row, rows));
      if (!same(Buffer.from(row.prev_hash), expectedPrev)) return broken(report, row.seq, 'inserted');
      const checkpoint = signed.get(row.seq);
      if (checkpoint && checkpoint.hash !== hash.toString('hex')) return broken(report, row.seq, 'edited');
      expectedPrev = hash;
      expectedSeq++;
      report = { ...report, checked: report.checked + 1, lastSeq: row.seq };
    }
    options.onProgress?.(report.checked, total);
  }
  const latest = valid.at(-1);
  if (latest && latest.seq > report.lastSeq) return broken(report, report.lastSeq + 1, 'truncated');
  const head = (await db.query<{ seq: number }>('SELECT seq FROM access_log_head WHERE id')).rows[0];
  if (head && head.seq > report.lastSeq) return broken(report, report.lastSeq + 1, 'truncated');
  return report;
}
