import { compactVerify, importJWK, type JWK } from 'jose';
import { nonceIsFresh } from './nonce.js';
import { PROOF_FUTURE_SKEW_MS, PROOF_MAX_AGE_MS } from './policy.js';

/** The public half of a device key, as registered at login: an EC P-256 JWK, nothing more. */
export interface DevicePublicKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

/** Accepts only a public P-256 key; anything else (a private key, another curve) is refused. */
export function parseDeviceKey(value: unknown): DevicePublicKey | null {
  if (typeof value !== 'object' || value === null) return null;
  const jwk = value as Record<string, unknown>;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') return null;
  if ('d' in jwk) return null;
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return null;
  if (!B64URL_32.test(jwk.x) || !B64URL_32.test(jwk.y)) return null;
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

export const PROOF_TYPE = 'rempart-proof+jwt';

export type ProofCheck =
  | { ok: true; jti: string; iat: number; nonce: string }
  | { ok: false; reason: 'malformed' | 'signature' | 'method' | 'path' | 'stale' | 'future' | 'nonce' };

interface ProofClaims {
  htm: string;
  htu: string;
  iat: number;
  nonce: string;
  jti: string;
}

function claimsOf(payload: Uint8Array): ProofClaims | null {
  try {
    const claims = JSON.parse(Buffer.from(payload).toString('utf8')) as Record<string, unknown>;
    const { htm, htu, iat, nonce, jti } = claims;
    if (typeof htm !== 'string' || typeof htu !== 'string' || typeof nonce !== 'string') return null;
    if (typeof iat !== 'number' || typeof jti !== 'string' || jti.length < 16 || jti.length > 64) return null;
    return { htm, htu, iat, nonce, jti };
  } catch {
    return null;
  }
}

/**
 * Verifies a proof in the manner of DPoP (RFC 9449 §4.3): a compact JWS, ES256, signed by the
 * session's device key, over the method, the path, the time, a server nonce and a unique id.
 * The nonce must be fresh; the caller then spends it (`spendNonce`), which makes it single-use.
 */
export async function verifyProof(input: {
  proof: string;
  deviceKey: DevicePublicKey;
  method: string;
  path: string;
  at: Date;
  nonceKey: Buffer;
  sessionId: string;
}): Promise<ProofCheck> {
  if (input.proof.length > 2048) return { ok: false, reason: 'malformed' };
  let payload: Uint8Array;
  try {
    const key = await importJWK(input.deviceKey as JWK, 'ES256');
    const result = await compactVerify(input.proof, key, { algorithms: ['ES256'] });
    if (result.protectedHeader.typ !== PROOF_TYPE) return { ok: false, reason: 'malformed' };
    payload = result.payload;
  } catch {
    return { ok: false, reason: 'signature' };
  }
  const claims = claimsOf(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.htm !== input.method.toUpperCase()) return { ok: false, reason: 'method' };
  if (claims.htu !== input.path) return { ok: false, reason: 'path' };
  const age = input.at.getTime() - claims.iat * 1000;
  // Signed for later: in-page malware could pre-date proofs to use them from elsewhere.
  if (age < -PROOF_FUTURE_SKEW_MS) return { ok: false, reason: 'future' };
  if (age > PROOF_MAX_AGE_MS) return { ok: false, reason: 'stale' };
  if (!nonceIsFresh(input.nonceKey, input.sessionId, claims.nonce, input.at)) return { ok: false, reason: 'nonce' };
  return { ok: true, jti: claims.jti, iat: claims.iat, nonce: claims.nonce };
}
