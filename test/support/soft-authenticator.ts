import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCBOR } from '@levischuck/tiny-cbor';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

/**
 * A software authenticator for HTTP tests: it answers WebAuthn ceremonies as a platform
 * authenticator would (ES256, "none" attestation, WebAuthn Level 3 §6.1 authenticator data),
 * and can be told to misbehave: no user verification, another origin, a counter gone back.
 * Real browsers are tested with Chromium's virtual authenticator; this one reaches the cases a
 * browser refuses to produce. Hand-written because no maintained npm package does it offline.
 */
interface Credential {
  id: Buffer;
  key: KeyObject;
  userHandle: string;
  counter: number;
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

function authenticatorData(rpId: string, flags: { uv: boolean; attested?: Buffer }, counter: number): Buffer {
  const head = Buffer.alloc(37);
  sha256(rpId).copy(head, 0);
  head[32] = 0x01 | (flags.uv ? 0x04 : 0) | (flags.attested ? 0x40 : 0);
  head.writeUInt32BE(counter, 33);
  return flags.attested ? Buffer.concat([head, flags.attested]) : head;
}

export interface Misbehaviour {
  userVerified?: boolean;
  origin?: string;
  counter?: number;
}

export function softAuthenticator(origin: string) {
  const credentials: Credential[] = [];
  const clientData = (type: string, challenge: string, from = origin) =>
    Buffer.from(JSON.stringify({ type, challenge, origin: from, crossOrigin: false }));

  return {
    credentials,
    register(options: PublicKeyCredentialCreationOptionsJSON, misbehave: Misbehaviour = {}): RegistrationResponseJSON {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const cose = encodeCBOR(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x!, 'base64url')],
          [-3, Buffer.from(jwk.y!, 'base64url')],
        ]),
      );
      const id = randomBytes(16);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, id, Buffer.from(cose)]);
      const authData = authenticatorData(options.rp.id!, { uv: misbehave.userVerified ?? true, attested }, 0);
      const attestationObject = encodeCBOR(
        new Map<string, string | Map<string, string> | Uint8Array>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', authData],
        ]),
      );
      credentials.push({ id, key: privateKey, userHandle: options.user.id, counter: 0 });
      return {
        id: b64(id),
        rawId: b64(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64(clientData('webauthn.create', options.challenge, misbehave.origin)),
          attestationObject: b64(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      };
    },
    /** Signs with the given credential, or the first one the options allow. */
    authenticate(
      options: PublicKeyCredentialRequestOptionsJSON,
      rpId: string,
      misbehave: Misbehaviour & { credential?: Credential } = {},
    ): AuthenticationResponseJSON {
      const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
      const credential = misbehave.credential ?? credentials.find((c) => allowed.size === 0 || allowed.has(b64(c.id)));
      if (!credential) throw new Error('no credential for these options');
      credential.counter = misbehave.counter ?? credential.counter + 1;
      const authData = authenticatorData(rpId, { uv: misbehave.userVerified ?? true }, credential.counter);
      const data = clientData('webauthn.get', options.challenge, misbehave.origin);
      const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), credential.key);
      return {
        id: b64(credential.id),
        rawId: b64(credential.id),
        type: 'public-key',
        response: {
          clientDataJSON: b64(data),
          authenticatorData: b64(authData),
          signature: b64(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
      };
    },
  };
}
