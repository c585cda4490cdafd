import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The seam for randomness. Production uses the operating system's CSPRNG; tests may wrap it
 * to count or observe draws, never to make nonces predictable in production code.
 */
export interface Random {
  bytes(length: number): Buffer;
  uuid(): string;
}

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Small draws (nonces, ids) come from a pool refilled from the CSPRNG, each byte handed out
 * once and never again: one system call per 4 KiB instead of one per 12-byte nonce, which was a
 * third of the cost of an encryption. Node's own randomUUID caches the same way.
 */
function pooledBytes(length: number): Buffer {
  if (length > 256) return randomBytes(length);
  if (offset + length > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + length));
  pool.fill(0, offset, offset + length);
  offset += length;
  return out;
}

export const systemRandom: Random = {
  bytes: pooledBytes,
  uuid: () => randomUUID(),
};
