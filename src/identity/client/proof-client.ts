/**
 * A small client for rempart's device-bound sessions, for API clients and for our tests.
 * It holds a non-extractable ECDSA P-256 key (WebCrypto, as the browser does) and signs
 * proofs for requests under /api/v1: see docs/device-sessions.md.
 */
export interface DeviceClient {
  /** The public key to register at login, as a JWK. */
  publicJwk: JsonWebKey;
  /** A proof for one request: `Rempart-Proof: <this>`. */
  proof(input: { method: string; path: string; nonce: string; at?: Date }): Promise<string>;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
  return Buffer.from(data).toString('base64url');
}

export async function createDeviceClient(subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<DeviceClient> {
  const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const full = await subtle.exportKey('jwk', pair.publicKey);
  const publicJwk: JsonWebKey = { kty: full.kty, crv: full.crv, x: full.x, y: full.y };
  return {
    publicJwk,
    proof: async ({ method, path, nonce, at = new Date() }) => {
      const header = base64url(JSON.stringify({ alg: 'ES256', typ: 'rempart-proof+jwt' }));
      const jti = base64url(globalThis.crypto.getRandomValues(new Uint8Array(18)));
      const claims = { htm: method.toUpperCase(), htu: path, iat: Math.floor(at.getTime() / 1000), nonce, jti };
      const input = `${header}.${base64url(JSON.stringify(claims))}`;
      const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, encoder.encode(input));
      return `${input}.${base64url(new Uint8Array(signature))}`;
    },
  };
}
