import { createHmac } from 'node:crypto';
import { normaliseEmail, normaliseFranceTravailId, normaliseFullName, normalisePhone } from './normalise.js';

/**
 * Blind indexes: HMAC-SHA256 under the index key (never the data key), over normalised input,
 * truncated. Lengths follow CipherSweet's rule for a design population R of 36.8 M people
 * (the 2024 France Travail breach): keep 2 ≤ R / 2^bits < √R, i.e. 12.6 < bits ≤ 24.1.
 * A truncated index matches several rows; the vault decrypts them and keeps the exact ones.
 * See docs/security.md for the table of choices.
 */
export const blindIndexSpecs = {
  /** People's e-mail: 24 bits, about 2.2 rows per value at 36.8 M. */
  personEmail: { bits: 24, normalise: normaliseEmail },
  /** People's phone: 24 bits, as e-mail. */
  personPhone: { bits: 24, normalise: normalisePhone },
  /** France Travail identifier: 24 bits, as e-mail. */
  personFtId: { bits: 24, normalise: normaliseFranceTravailId },
  /** nom|prénom: 20 bits; names repeat, so a bucket holds ~35 rows plus true homonyms. */
  personName: { bits: 20, normalise: (value: string) => value },
  /**
   * Login e-mail of an account: untruncated (256 bits), because login needs one exact row and
   * the unique constraint needs no collisions. Values are unique, so equality reveals nothing
   * the constraint does not already say.
   */
  accountEmail: { bits: 256, normalise: normaliseEmail },
  /** Pool facets (zone, language level, type of post): small domains, kept whole. */
  profileFacet: { bits: 256, normalise: (value: string) => value.trim().toLowerCase() },
} as const;

export type BlindIndexName = keyof typeof blindIndexSpecs;

/** Each field has its own key, derived from the index key, so indexes never compare across fields. */
export function deriveFieldKey(indexKey: Buffer, name: BlindIndexName): Buffer {
  return createHmac('sha256', indexKey).update(`rempart/bidx/${name}`).digest();
}

/** The blind index of `value` under a field key from {@link deriveFieldKey}. */
export function blindIndexWith(fieldKey: Buffer, name: BlindIndexName, value: string): Buffer {
  const spec = blindIndexSpecs[name];
  const mac = createHmac('sha256', fieldKey).update(spec.normalise(value), 'utf8').digest();
  return truncateBits(mac, spec.bits);
}

/** Computes the blind index of `value` for one field. */
export function blindIndex(indexKey: Buffer, name: BlindIndexName, value: string): Buffer {
  return blindIndexWith(deriveFieldKey(indexKey, name), name, value);
}

/** The name index takes both parts, normalised together. */
export function nameIndex(indexKey: Buffer, lastName: string, firstName: string): Buffer {
  return blindIndex(indexKey, 'personName', normaliseFullName(lastName, firstName));
}

export { normaliseFullName };

function truncateBits(mac: Buffer, bits: number): Buffer {
  const bytes = Math.ceil(bits / 8);
  const out = Buffer.from(mac.subarray(0, bytes));
  const spare = bytes * 8 - bits;
  if (spare > 0) out[bytes - 1] = out[bytes - 1]! & (0xff << spare) & 0xff;
  return out;
}
