import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Random } from '../kernel/random.js';

/**
 * AEAD envelope: AES-256-GCM with a fresh 96-bit nonce per value (NIST SP 800-38D §8.2.2
 * random construction; we stay far below its 2^32 invocations per key by rotating keys).
 *
 *   [1 byte format = 1][4 bytes key version, big-endian][12 bytes nonce][ciphertext][16 bytes tag]
 *
 * The associated data binds each value to its table, column and row, so a ciphertext copied
 * into another row or column fails authentication instead of decrypting.
 */
const FORMAT = 1;
const HEADER = 1 + 4 + 12;
const TAG = 16;

/** Where a value lives. Part of the associated data, never stored in the envelope. */
export interface Binding {
  table: string;
  column: string;
  rowId: string;
}

export class EnvelopeError extends Error {
  constructor(reason: string) {
    super(`Enveloppe illisible : ${reason}`);
    this.name = 'EnvelopeError';
  }
}

export function associatedData(binding: Binding): Buffer {
  return Buffer.from(`rempart/v1/${binding.table}/${binding.column}/${binding.rowId}`, 'utf8');
}

export function seal(key: Buffer, keyVersion: number, plaintext: Buffer, aad: Buffer, random: Random): Buffer {
  const nonce = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = Buffer.alloc(5);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(keyVersion, 1);
  return Buffer.concat([header, nonce, body, cipher.getAuthTag()]);
}

/** The key version an envelope was sealed under, read without decrypting. */
export function envelopeKeyVersion(envelope: Uint8Array): number {
  const bytes = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  if (bytes.length < HEADER + TAG) throw new EnvelopeError('trop courte');
  if (bytes.readUInt8(0) !== FORMAT) throw new EnvelopeError('format inconnu');
  return bytes.readUInt32BE(1);
}

export function open(key: Buffer, envelope: Uint8Array, aad: Buffer): Buffer {
  const bytes = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  envelopeKeyVersion(bytes);
  const nonce = bytes.subarray(5, HEADER);
  const tag = bytes.subarray(bytes.length - TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(HEADER, bytes.length - TAG)), decipher.final()]);
  } catch {
    throw new EnvelopeError('authentification échouée (valeur altérée ou déplacée)');
  }
}
