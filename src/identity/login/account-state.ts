import type { Queryable } from '../../db/client.js';
import type { Role } from '../../vault/types.js';
import { mfaRequirement, type MfaRequirement } from '../mfa-policy.js';

/** What a login needs to know of an account: nothing personal, no envelope. */
export interface AccountState {
  id: string;
  role: Role;
  status: 'pending' | 'active' | 'suspended';
  organisationId: string | null;
  personId: string | null;
  passwordHash: string | null;
  failedLogins: number;
  lastFailedAt: Date | null;
  lockedUntil: Date | null;
  hasPasskey: boolean;
  hasTotp: boolean;
  requirement: MfaRequirement;
}

export async function loadAccountState(q: Queryable, accountId: string): Promise<AccountState | null> {
  const { rows } = await q.query<{
    id: string;
    role: Role;
    status: AccountState['status'];
    organisation_id: string | null;
    person_id: string | null;
    password_hash: string | null;
    failed_logins: number;
    last_failed_login_at: Date | null;
    locked_until: Date | null;
    mfa_policy: Record<string, unknown> | null;
    has_passkey: boolean;
    has_totp: boolean;
  }>(
    `SELECT a.id, a.role, a.status, a.organisation_id, a.person_id, a.password_hash, a.failed_logins,
            a.last_failed_login_at, a.locked_until, o.mfa_policy,
            EXISTS (SELECT 1 FROM passkeys p WHERE p.account_id = a.id AND p.revoked_at IS NULL) AS has_passkey,
            EXISTS (SELECT 1 FROM totp_credentials t WHERE t.account_id = a.id AND t.confirmed_at IS NOT NULL) AS has_totp
     FROM accounts a LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.id = $1`,
    [accountId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    role: row.role,
    status: row.status,
    organisationId: row.organisation_id,
    personId: row.person_id,
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lastFailedAt: row.last_failed_login_at,
    lockedUntil: row.locked_until,
    hasPasskey: row.has_passkey,
    hasTotp: row.has_totp,
    requirement: mfaRequirement(row.role, row.mfa_policy ?? {}),
  };
}

/** Which second factors this account may use now, given its policy and what it enrolled. */
export function usableFactors(state: AccountState): { passkey: boolean; totp: boolean } {
  return { passkey: state.hasPasskey, totp: state.hasTotp && state.requirement !== 'passkey' };
}
