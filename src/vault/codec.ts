import type { Keyring } from '../crypto/keyring.js';
import { EnvelopeError } from '../crypto/envelope.js';
import { AppError } from '../kernel/errors.js';

/** Seals one value for one cell; null stays null (absence is not secret). */
export function sealCell(
  keyring: Keyring,
  table: string,
  column: string,
  rowId: string,
  value: unknown,
): Buffer | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return keyring.encrypt(text, { table, column, rowId });
}

/** Opens one cell; a tampered or moved envelope is an error, never a silent null. */
export function openCell(keyring: Keyring, table: string, column: string, rowId: string, envelope: Uint8Array): string {
  try {
    return keyring.decrypt(envelope, { table, column, rowId });
  } catch (error) {
    if (error instanceof EnvelopeError) throw new AppError('DECRYPTION_FAILED', `${table}.${column} row ${rowId}`);
    throw error;
  }
}
