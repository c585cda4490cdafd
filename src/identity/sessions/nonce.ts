import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Server nonces for device proofs, stateless: a window number and an HMAC of the session id
 * and that window. A nonce is valid in its window and the next, so 5 to 10 minutes, and only
 * for the session it was issued to (RFC 9449 §8, server-provided nonce).
 */
const WINDOW_MS = 5 * 60_000;

function mac(key: Buffer, sessionId: string, window: number): Buffer {
  return createHmac('sha256', key).update(`rempart/nonce/${sessionId}/${window}`).digest().subarray(0, 16);
}

export function issueNonce(key: Buffer, sessionId: string, at: Date): string {
  const window = Math.floor(at.getTime() / WINDOW_MS);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(window);
  return Buffer.concat([head, mac(key, sessionId, window)]).toString('base64url');
}

export function nonceIsValid(key: Buffer, sessionId: string, nonce: string, at: Date): boolean {
  const bytes = Buffer.from(nonce, 'base64url');
  if (bytes.length !== 20) return false;
  const window = bytes.readUInt32BE(0);
  const current = Math.floor(at.getTime() / WINDOW_MS);
  if (window !== current && window !== current - 1) return false;
  return timingSafeEqual(bytes.subarray(4), mac(key, sessionId, window));
}
