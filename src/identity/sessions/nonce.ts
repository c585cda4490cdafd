import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Random } from '../../kernel/random.js';

/**
 * Server nonces for device proofs (RFC 9449 §8, server-provided nonce). A nonce is the time it
 * was issued, eight random bytes (two nonces asked in the same millisecond differ) and an HMAC
 * of both and the session id, so issuing one costs no write and only this server, for this
 * session, can make one. It may serve for one proof only
 * (`spendNonce`), within `NONCE_LIFETIME_MS` of being issued: a proof signed in advance, by
 * malware in the page for instance, is worth at most that long, and only once.
 */

/** About a minute: the page's script fetches a nonce and signs at once; an API client takes the
 * nonce of the last response, or a new one after a refusal, which carries one too. */
export const NONCE_LIFETIME_MS = 60_000;

const TIME_BYTES = 8;
const RANDOM_BYTES = 8;
const HEAD_BYTES = TIME_BYTES + RANDOM_BYTES;
const MAC_BYTES = 16;

function mac(key: Buffer, sessionId: string, head: Buffer): Buffer {
  return createHmac('sha256', key)
    .update(`rempart/nonce/v2/${sessionId}/`)
    .update(head)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** A new nonce for the session, issued at `at`. */
export function issueNonce(key: Buffer, sessionId: string, at: Date, random: Random): string {
  const issued = Buffer.alloc(TIME_BYTES);
  issued.writeBigUInt64BE(BigInt(at.getTime()));
  const head = Buffer.concat([issued, random.bytes(RANDOM_BYTES)]);
  return Buffer.concat([head, mac(key, sessionId, head)]).toString('base64url');
}

/**
 * Whether the nonce was issued by us, for this session, at most `NONCE_LIFETIME_MS` before
 * `at`. Whether it was already used is the caller's to check, with `spendNonce`.
 */
export function nonceIsFresh(key: Buffer, sessionId: string, nonce: string, at: Date): boolean {
  const bytes = Buffer.from(nonce, 'base64url');
  if (bytes.length !== HEAD_BYTES + MAC_BYTES || bytes.toString('base64url') !== nonce) return false;
  const head = bytes.subarray(0, HEAD_BYTES);
  const age = at.getTime() - Number(head.readBigUInt64BE(0));
  if (age < 0 || age > NONCE_LIFETIME_MS) return false;
  return timingSafeEqual(bytes.subarray(HEAD_BYTES), mac(key, sessionId, head));
}
