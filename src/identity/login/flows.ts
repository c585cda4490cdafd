import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../kernel/errors.js';
import type { Random } from '../../kernel/random.js';
import { evaluateAccount } from '../lockout.js';
import { loadAccountState, type AccountState } from './account-state.js';

/** A login between its steps lives ten minutes at most. */
export const FLOW_TTL_MS = 10 * 60_000;

export type FlowKind = 'mfa' | 'passkey_login' | 'passkey_register' | 'step_up' | 'enrol';

export interface Flow {
  id: string;
  accountId: string | null;
  kind: FlowKind;
  challenge: string | null;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Starts a flow; its handle (`id.secret`) goes in a short-lived cookie, only its hash is kept. */
export async function startFlow(
  q: Queryable,
  input: { accountId: string | null; kind: FlowKind; challenge?: string | null; now: Date; random: Random },
): Promise<string> {
  const id = input.random.bytes(16).toString('base64url');
  const secret = input.random.bytes(32).toString('base64url');
  await q.query(
    'INSERT INTO login_flows (id, secret_hash, account_id, kind, challenge, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      id,
      sha256(secret),
      input.accountId,
      input.kind,
      input.challenge ?? null,
      new Date(input.now.getTime() + FLOW_TTL_MS),
    ],
  );
  return `${id}.${secret}`;
}

/** The live flow a handle names, if its secret matches and it has not expired. */
export async function findFlow(
  q: Queryable,
  handle: string | undefined,
  kind: FlowKind,
  now: Date,
): Promise<Flow | null> {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(handle ?? '');
  if (!match) return null;
  const { rows } = await q.query<{
    id: string;
    secret_hash: Uint8Array;
    account_id: string | null;
    challenge: string | null;
  }>('SELECT id, secret_hash, account_id, challenge FROM login_flows WHERE id = $1 AND kind = $2 AND expires_at > $3', [
    match[1],
    kind,
    now,
  ]);
  const row = rows[0];
  if (!row || !timingSafeEqual(Buffer.from(row.secret_hash), sha256(match[2]!))) return null;
  return { id: row.id, accountId: row.account_id, kind, challenge: row.challenge };
}

export async function endFlow(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM login_flows WHERE id = $1', [id]);
}

/**
 * The login a second-factor step continues: its flow must be live, its account active and not
 * delayed or locked (a code must not be guessable either). Anything else starts over.
 */
export async function continueMfaFlow(
  q: Queryable,
  handle: string | undefined,
  now: Date,
): Promise<{ flow: Flow; state: AccountState }> {
  const flow = await findFlow(q, handle, 'mfa', now);
  const state = flow?.accountId ? await loadAccountState(q, flow.accountId) : null;
  if (!flow || !state || state.status !== 'active') throw new AppError('LOGIN_EXPIRED');
  if (!evaluateAccount({ ...state, now }).allowed) throw new AppError('MFA_INVALID', 'locked');
  return { flow, state };
}

/**
 * Spends a flow: the live flow a handle names, deleted in the same step, so a WebAuthn
 * challenge answers one ceremony only, even when two requests race with the same handle.
 */
export async function takeFlow(
  q: Queryable,
  handle: string | undefined,
  kind: FlowKind,
  now: Date,
): Promise<Flow | null> {
  const flow = await findFlow(q, handle, kind, now);
  if (!flow) return null;
  const { rows } = await q.query('DELETE FROM login_flows WHERE id = $1 RETURNING 1', [flow.id]);
  return rows.length === 1 ? flow : null;
}
