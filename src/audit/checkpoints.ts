import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../db/client.js';

/**
 * Signed checkpoints of the chain, written outside the database (one JSON line each, a file per
 * day), each chained to the one before by its signature, and copied into the database. A
 * database writer cannot recompute the keyed seals; with the files elsewhere, they cannot hide
 * a truncated or rewritten log either, nor delete checkpoints without leaving a gap. (AWS
 * CloudTrail's digest files follow the same idea.)
 */
export interface Checkpoint {
  /** 0 for the genesis, then 1, 2, 3… */
  i: number;
  /** The seal it attests (0: none yet), the last entry that seal covers, and its MAC in hex. */
  sealN: number;
  toSeq: number;
  sealMac: string;
  /** When it was written (ISO 8601). */
  at: string;
  /** The previous checkpoint's signature, in hex (zeros for the genesis). */
  prevSig: string;
}

export type SignedCheckpoint = Checkpoint & { sig: string };

export const GENESIS_SIG = '0'.repeat(64);
const FILE_NAME = /^chain-\d{4}-\d{2}-\d{2}\.jsonl$/;

export function signCheckpoint(key: Buffer, checkpoint: Checkpoint): SignedCheckpoint {
  const sig = createHmac('sha256', key)
    .update(
      JSON.stringify([
        'rempart-checkpoint-v2',
        checkpoint.i,
        checkpoint.sealN,
        checkpoint.toSeq,
        checkpoint.sealMac,
        checkpoint.at,
        checkpoint.prevSig,
      ]),
    )
    .digest('hex');
  return { ...checkpoint, sig };
}

function signatureHolds(key: Buffer, line: SignedCheckpoint): boolean {
  const expected = Buffer.from(signCheckpoint(key, line).sig, 'hex');
  const given = Buffer.from(line.sig, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function checkpointFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => FILE_NAME.test(name)).sort();
}

function parseLine(line: string): SignedCheckpoint | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    const { i, sealN, toSeq, sealMac, at, prevSig, sig } = value;
    if (!Number.isSafeInteger(i) || !Number.isSafeInteger(sealN) || !Number.isSafeInteger(toSeq)) return null;
    if (typeof sealMac !== 'string' || typeof at !== 'string' || typeof prevSig !== 'string' || typeof sig !== 'string')
      return null;
    return { i: i as number, sealN: sealN as number, toSeq: toSeq as number, sealMac, at, prevSig, sig };
  } catch {
    return null;
  }
}

async function readFileCheckpoints(file: string, key: Buffer) {
  const valid: SignedCheckpoint[] = [];
  let forged = 0;
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const checkpoint = parseLine(line);
    if (checkpoint && signatureHolds(key, checkpoint)) valid.push(checkpoint);
    else forged++;
  }
  return { valid, forged };
}

/** Every checkpoint file: the lines whose signature holds (by number), and the count of those that do not. */
export async function readCheckpointFiles(
  dir: string,
  key: Buffer,
): Promise<{ valid: SignedCheckpoint[]; forged: number }> {
  const valid: SignedCheckpoint[] = [];
  let forged = 0;
  for (const name of await checkpointFiles(dir)) {
    const found = await readFileCheckpoints(path.join(dir, name), key);
    valid.push(...found.valid);
    forged += found.forged;
  }
  valid.sort((a, b) => a.i - b.i);
  return { valid, forged };
}

/** The newest valid checkpoint in the files, reading the newest file first. */
export async function newestCheckpointFile(dir: string, key: Buffer): Promise<SignedCheckpoint | null> {
  const names = await checkpointFiles(dir);
  for (const name of names.reverse()) {
    const { valid } = await readFileCheckpoints(path.join(dir, name), key);
    const newest = valid.sort((a, b) => a.i - b.i).at(-1);
    if (newest) return newest;
  }
  return null;
}

/** Appends a checkpoint to its day's file (created 0600 in a 0700 directory) and flushes it to disk. */
export async function appendCheckpointFile(dir: string, checkpoint: SignedCheckpoint): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = await open(path.join(dir, `chain-${checkpoint.at.slice(0, 10)}.jsonl`), 'a', 0o600);
  try {
    await file.appendFile(`${JSON.stringify(checkpoint)}\n`);
    // A checkpoint lost in a crash vouches for nothing: flush it before saying it exists.
    await file.sync();
  } finally {
    await file.close();
  }
}

export async function insertCheckpointCopy(q: Queryable, checkpoint: SignedCheckpoint): Promise<void> {
  await q.query(
    `INSERT INTO access_log_checkpoints (i, seal_n, to_seq, seal_mac, at, prev_sig, sig)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (i) DO NOTHING`,
    [
      checkpoint.i,
      checkpoint.sealN,
      checkpoint.toSeq,
      Buffer.from(checkpoint.sealMac, 'hex'),
      new Date(checkpoint.at),
      Buffer.from(checkpoint.prevSig, 'hex'),
      Buffer.from(checkpoint.sig, 'hex'),
    ],
  );
}

/** The database's copies, by number: number → signature (hex). */
export async function readCheckpointCopies(q: Queryable): Promise<Map<number, string>> {
  const { rows } = await q.query<{ i: number; sig: string }>(
    "SELECT i, encode(sig, 'hex') AS sig FROM access_log_checkpoints ORDER BY i",
  );
  return new Map(rows.map((row) => [row.i, row.sig]));
}
