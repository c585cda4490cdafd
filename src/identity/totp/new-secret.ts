import { Secret } from 'otpauth';
import type { Random } from '../../kernel/random.js';
import { TOTP_SECRET_BYTES } from './params.js';

/**
 * A fresh TOTP shared secret: 20 bytes (160 bits, RFC 4226 §4 R6) from the injected random
 * source, as the unpadded base32 string authenticator apps take. Store it only as a vault
 * envelope: whoever reads it can make codes.
 */
export function newTotpSecret(random: Random): string {
  // Copied into an ArrayBuffer of its own: a small Buffer may be a view on a shared pool.
  const bytes = new Uint8Array(random.bytes(TOTP_SECRET_BYTES));
  return new Secret({ buffer: bytes.buffer }).base32;
}
