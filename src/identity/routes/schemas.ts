import { z } from 'zod';
import { formFields } from '../../http/kit/index.js';

/*
 * The shapes identity's routes accept, beyond plain form fields. Each is strict: a key the
 * page or its script does not send is refused. The domain functions still check the meaning
 * (a token's validity, a signature); these only keep malformed input out.
 */

/** A single-use link's token, in a path or a hidden field; its validity is the domain's to say. */
export const linkToken = z.string().min(1).max(256);

export const tokenParams = z.strictObject({ token: linkToken });

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);

/**
 * The public half of the device key, as a JWK or as its JSON text (what the page's script
 * sends); `deviceKeyOf` parses and checks it again.
 */
export const deviceKeyJwk = z.union([
  z.strictObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: base64url, y: base64url }),
  z.string().max(1024),
]);

const credential = {
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string().max(64), z.unknown()),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

/** What navigator.credentials.create() gives, as @simplewebauthn/browser serialises it. */
export const registrationResponse = z.strictObject({
  ...credential,
  response: z.strictObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

/** What navigator.credentials.get() gives, as @simplewebauthn/browser serialises it. */
export const authenticationResponse = z.strictObject({
  ...credential,
  response: z.strictObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

/** The name a person gives a new passkey (trimmed and bounded again by passkeyName). */
export const passkeyNameField = z.string().max(200).optional();

/** A path of ours to come back to after a step-up (checked again by localReturnPath). */
export const returnPath = z.string().max(2048);

/** A form with nothing to send but its CSRF token (logout, a one-click action). */
export const noFields = z.strictObject({});

/** A form that posts one account id (the approval queue's buttons). */
export const accountField = z.strictObject({ account: formFields.id('Ce compte est introuvable.') });
