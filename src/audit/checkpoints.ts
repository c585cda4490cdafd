import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
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
  hash: string;
  at: string;
}

function mac(key: Buffer, checkpoint: Checkpoint): Buffer {
  return createHmac('sha256', key)
    .update(`rempart/checkpoint/${checkpoint.seq}/${checkpoint.hash}/${checkpoint.at}`)
    .digest();
}

function fileFor(dir: string, at: Date): string {
  return path.join(dir, `checkpoints-${at.toISOString().slice(0, 10)}.jsonl`);
}

/** Appends a checkpoint of the current head, unless the head has not moved since the last one. */
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
  const last = (await readCheckpoints(options.dir, options.key)).valid.at(-1);
  if (last && last.seq === checkpoint.seq && last.hash === checkpoint.hash) return null;
  const line = JSON.stringify({ ...checkpoint, mac: mac(options.key, checkpoint).toString('hex') });
  await appendFile(fileFor(options.dir, now), `${line}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Reads every checkpoint file: the lines whose signature holds, and the count of those that do not. */
export async function readCheckpoints(dir: string, key: Buffer): Promise<{ valid: Checkpoint[]; forged: number }> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const valid: Checkpoint[] = [];
  let forged = 0;
  for (const file of files.filter((name) => /^checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/.test(name)).sort()) {
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const line of text.split('\n').filter((row) => row.trim() !== '')) {
      const checkpoint = parseLine(line);
      if (checkpoint && signatureHolds(key, checkpoint)) valid.push(checkpoint);
      else forged++;
    }
  }
  valid.sort((a, b) => a.seq - b.seq);
  return { valid, forged };
}

function parseLine(line: string): (Checkpoint & { mac: string }) | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (typeof value.seq !== 'number' || typeof value.hash !== 'string') return null;
    if (typeof value.at !== 'string' || typeof value.mac !== 'string') return null;
    return { seq: value.seq, hash: value.hash, at: value.at, mac: value.mac };
  } catch {
    return null;
  }
}

function signatureHolds(key: Buffer, checkpoint: Checkpoint & { mac: string }): boolean {
  const expected = mac(key, checkpoint);
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The anchor's signature: binds the seq and hash from which the chain restarts after a purge. */
export function anchorMac(key: Buffer, seq: number, hash: Buffer, purgedAt: Date): Buffer {
  return createHmac('sha256', key)
    .update(`rempart/anchor/${seq}/${hash.toString('hex')}/${purgedAt.toISOString()}`)
    .digest();
}
