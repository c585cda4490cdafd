import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Queryable } from '../../db/client.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import type { Random } from '../../kernel/random.js';
import { startFlow, takeFlow } from '../login/flows.js';
import type { RelyingParty } from './relying-party.js';

/** A ceremony lasts two minutes at most in the browser; its challenge lives as long as a flow. */
const CEREMONY_TIMEOUT_MS = 120_000;
export const PASSKEY_NAME_MAX = 60;

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

interface CeremonyDeps {
  db: Queryable;
  clock: Clock;
  random: Random;
}

/** The user handle an authenticator keeps: the account's UUID bytes, nothing personal. */
function userHandle(accountId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(accountId.replace(/-/g, ''), 'hex'));
}

/** A name the user reads in the list: trimmed, one line, bounded; a dated default otherwise. */
export function passkeyName(input: string | undefined, now: Date): string {
  const name = (input ?? '').replace(/\s+/g, ' ').trim().slice(0, PASSKEY_NAME_MAX);
  if (name) return name;
  return `Clé d’accès du ${now.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}`;
}

export async function listPasskeys(q: Queryable, accountId: string): Promise<PasskeySummary[]> {
  const { rows } = await q.query<{ id: string; name: string; created_at: Date; last_used_at: Date | null }>(
    `SELECT id, name, created_at, last_used_at FROM passkeys
     WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at`,
    [accountId],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at }));
}

async function liveCredentials(q: Queryable, accountId: string) {
  const { rows } = await q.query<{ id: string; transports: string[] }>(
    'SELECT id, transports FROM passkeys WHERE account_id = $1 AND revoked_at IS NULL',
    [accountId],
  );
  return rows.map((row) => ({ id: row.id, transports: row.transports as AuthenticatorTransport[] }));
}

/**
 * Options to create a passkey for an account: a discoverable credential (so it can log in
 * without a password), user verification required (a PIN or biometric on the authenticator),
 * no attestation (we trust the ceremony, not the make), and the account's existing passkeys
 * excluded so one authenticator is not registered twice.
 */
export async function registrationOptions(
  deps: CeremonyDeps,
  rp: RelyingParty,
  account: { id: string; userName: string; displayName: string },
): Promise<{ flow: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: userHandle(account.id),
    userName: account.userName,
    userDisplayName: account.displayName,
    attestationType: 'none',
    excludeCredentials: await liveCredentials(deps.db, account.id),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    timeout: CEREMONY_TIMEOUT_MS,
  });
  const flow = await startFlow(deps.db, {
    accountId: account.id,
    kind: 'passkey_register',
    challenge: options.challenge,
    now: deps.clock.now(),
    random: deps.random,
  });
  return { flow, options };
}

function asObject<T>(value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('PASSKEY_INVALID');
  return value as T;
}

export interface NewPasskey {
  accountId: string;
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

/**
 * Checks the browser's answer to a registration ceremony. The challenge is spent first, in its
 * own statement that no rollback undoes, so an answer can be tried once: call this before the
 * transaction that stores the passkey. Refused unless the authenticator verified the user.
 */
export async function verifyRegistration(
  deps: CeremonyDeps,
  rp: RelyingParty,
  input: { flowHandle: string | undefined; accountId: string; response: unknown },
): Promise<NewPasskey> {
  const flow = await takeFlow(deps.db, input.flowHandle, 'passkey_register', deps.clock.now());
  if (!flow || flow.accountId !== input.accountId || !flow.challenge) throw new AppError('LOGIN_EXPIRED');
  const response = asObject<RegistrationResponseJSON>(input.response);
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: flow.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => {
    throw new AppError('PASSKEY_INVALID', 'registration');
  });
  if (!verification.verified || !verification.registrationInfo.userVerified) {
    throw new AppError('PASSKEY_INVALID', 'registration');
  }
  const { credential } = verification.registrationInfo;
  return {
    accountId: input.accountId,
    id: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? [],
  };
}

/** Stores a verified passkey under its name; refused if that credential is already known. */
export async function storePasskey(q: Queryable, passkey: NewPasskey, name: string, now: Date): Promise<void> {
  const { rows } = await q.query(
    `INSERT INTO passkeys (id, account_id, public_key, counter, transports, name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING 1`,
    [passkey.id, passkey.accountId, Buffer.from(passkey.publicKey), passkey.counter, passkey.transports, name, now],
  );
  if (rows.length === 0) throw new AppError('PASSKEY_INVALID', 'already registered');
}

/**
 * Options to prove a passkey: for a known account (second step, step-up) its passkeys only;
 * for a login without a password, none listed, and the authenticator offers its own.
 */
export async function authenticationOptions(
  deps: CeremonyDeps,
  rp: RelyingParty,
  input: { accountId: string | null; kind: 'passkey_login' | 'step_up' },
): Promise<{ flow: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: input.accountId ? await liveCredentials(deps.db, input.accountId) : [],
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
  });
  const flow = await startFlow(deps.db, {
    accountId: input.accountId,
    kind: input.kind,
    challenge: options.challenge,
    now: deps.clock.now(),
    random: deps.random,
  });
  return { flow, options };
}

/**
 * Checks a passkey assertion and returns the account it proves. The challenge is spent
 * first, in its own statement (call this outside the transaction that acts on the result);
 * the passkey must be live and, when the flow named an account, belong to it; the
 * user must have been verified; the signature counter must move forward (a cloned
 * authenticator shows itself by going back), and the update that records it is conditional.
 */
export async function verifyPasskey(
  deps: CeremonyDeps,
  rp: RelyingParty,
  input: { flowHandle: string | undefined; kind: 'passkey_login' | 'step_up'; response: unknown },
): Promise<{ accountId: string; passkeyId: string }> {
  const now = deps.clock.now();
  const flow = await takeFlow(deps.db, input.flowHandle, input.kind, now);
  if (!flow || !flow.challenge) throw new AppError('LOGIN_EXPIRED');
  const response = asObject<AuthenticationResponseJSON>(input.response);
  const { rows } = await deps.db.query<{ account_id: string; public_key: Uint8Array; counter: string | number }>(
    'SELECT account_id, public_key, counter FROM passkeys WHERE id = $1 AND revoked_at IS NULL',
    [String(response.id ?? '')],
  );
  const stored = rows[0];
  if (!stored || (flow.accountId !== null && stored.account_id !== flow.accountId)) {
    throw new AppError('PASSKEY_INVALID', 'unknown credential');
  }
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: flow.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: { id: response.id, publicKey: new Uint8Array(stored.public_key), counter: Number(stored.counter) },
    requireUserVerification: true,
  }).catch(() => {
    throw new AppError('PASSKEY_INVALID', 'assertion');
  });
  if (!verification.verified || !verification.authenticationInfo.userVerified) {
    throw new AppError('PASSKEY_INVALID', 'assertion');
  }
  const used = await deps.db.query(
    `UPDATE passkeys SET counter = $2, last_used_at = $3
     WHERE id = $1 AND revoked_at IS NULL AND (counter < $2 OR $2 = 0) RETURNING 1`,
    [response.id, verification.authenticationInfo.newCounter, now],
  );
  if (used.rows.length === 0) throw new AppError('PASSKEY_INVALID', 'counter');
  return { accountId: stored.account_id, passkeyId: response.id };
}

/** Revokes one of an account's own passkeys; false if it is not theirs or already revoked. */
export async function revokePasskey(q: Queryable, accountId: string, passkeyId: string, now: Date): Promise<boolean> {
  const { rows } = await q.query(
    'UPDATE passkeys SET revoked_at = $3 WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL RETURNING 1',
    [passkeyId, accountId, now],
  );
  return rows.length === 1;
}
