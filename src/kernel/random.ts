import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The seam for randomness. Production uses the operating system's CSPRNG; tests may wrap it
 * to count or observe draws, never to make nonces predictable in production code.
 */
export interface Random {
  bytes(length: number): Buffer;
  uuid(): string;
}

export const systemRandom: Random = {
  bytes: (length) => randomBytes(length),
  uuid: () => randomUUID(),
};
