import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';

/**
 * Signed checkpoints of the chain's head, written outside the database (one JSON line each, in
 * a file per day). Anyone with write access to the database can recompute SHA-256 hashes, so the
 * chain alone cannot reveal a rewritten or shortened log: a checkpoint, signed with a key
 * derived from the master key and kept on another disk, can. (AWS CloudTrail's digest files
 * follow the same idea.)
 */
export interface Checkpoint {
  seq: number;
  /** The head's hash, in hex. */
  hash: string;
  /** When the checkpoint was written (ISO 8601). */
  at: string;
}

const FILE_NAME = /^checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/;

function mac(key: Buffer, checkpoint: Checkpoint): Buffer {
  return createHmac('sha256', key)
    .update(`rempart/checkpoint/${checkpoint.seq}/${checkpoint.hash}/${checkpoint.at}`)
    .digest();
}

async function checkpointFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => FILE_NAME.test(name)).sort();
}

/**
 * Appends a signed checkpoint of the current head to `dir` (created 0700, files 0600), unless
 * the head has not moved since the newest one. Returns what it wrote, or null.
 */
export async function writeCheckpoint(
  db: Queryable,
  options: { dir: string; key: Buffer; clock: Clock },
): Promise<Checkpoint | null> {
  const { rows } = await db.query<{ seq: number; hash: Uint8Array }>('SELECT seq, hash FROM access_log_head WHERE id');
  const head = rows[0];
  if (!head) return null;
  const now = options.clock.now();
  const checkpoint: Checkpoint = { seq: head.seq, hash: Buffer.from(head.hash).toString('hex'), at: now.toISOString() };
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  // Only the newest file is read: the server writes a checkpoint every minute, for a year.
  const newest = (await checkpointFiles(options.dir)).at(-1);
  const last = newest ? (await readFileCheckpoints(path.join(options.dir, newest), options.key)).valid.at(-1) : null;
  if (last && last.seq === checkpoint.seq && last.hash === checkpoint.hash) return null;
  const line = JSON.stringify({ ...checkpoint, mac: mac(options.key, checkpoint).toString('hex') });
  const file = await open(path.join(options.dir, `checkpoints-${checkpoint.at.slice(0, 10)}.jsonl`), 'a', 0o600);
  try {
    await file.appendFile(`${line}\n`);
    // A checkpoint lost in a crash vouches for nothing: flush it before saying it exists.
    await file.sync();
  } finally {
    await file.close();
  }
  return checkpoint;
}

/** Reads every checkpoint file: the lines whose signature holds (by seq), and the count of those that do not. */
export async function readCheckpoints(dir: string, key: Buffer): Promise<{ valid: Checkpoint[]; forged: number }> {
  const valid: Checkpoint[] = [];
  let forged = 0;
  for (const name of await checkpointFiles(dir)) {
    const found = await readFileCheckpoints(path.join(dir, name), key);
    valid.push(...found.valid);
    forged += found.forged;
  }
  valid.sort((a, b) => a.seq - b.seq);
  return { valid, forged };
}

async function readFileCheckpoints(file: string, key: Buffer): Promise<{ valid: Checkpoint[]; forged: number }> {
  const valid: Checkpoint[] = [];
  let forged = 0;
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const checkpoint = parseLine(line);
    if (checkpoint && signatureHolds(key, checkpoint)) valid.push(checkpoint);
    else forged++;
  }
  return { valid, forged };
}

function parseLine(line: string): (Checkpoint & { mac: string }) | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (!Number.isSafeInteger(value.seq) || typeof value.hash !== 'string') return null;
    if (typeof value.at !== 'string' || typeof value.mac !== 'string') return null;
    return { seq: value.seq as number, hash: value.hash, at: value.at, mac: value.mac };
  } catch {
    return null;
  }
}

function signatureHolds(key: Buffer, checkpoint: Checkpoint & { mac: string }): boolean {
  const expected = mac(key, { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at });
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
