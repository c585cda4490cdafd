import type { Db } from '../db/client.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { organisationOf } from './deps.js';

/**
 * The organisation's MFA policy, set by its RGC: its users sign in with a passkey only, or with
 * a passkey or a TOTP code. It is the `of_user` entry of `organisations.mfa_policy`, which
 * identity reads at each login and step-up (src/identity/login/account-state.ts, through
 * `mfaRequirement`): nothing else in identity changes. The RGC's own role always needs a
 * passkey (src/identity/mfa-policy.ts), so this choice concerns the users.
 */
export type OrganisationMfaPolicy = 'passkey' | 'passkey_or_totp';

export async function mfaPolicyOf(
  db: Db,
  actor: Actor,
): Promise<{ policy: OrganisationMfaPolicy; usersWithoutPasskey: number }> {
  const { organisationId } = organisationOf(actor);
  const { rows } = await db.query<{ policy: string | null; without: number }>(
    `SELECT o.mfa_policy->>'of_user' AS policy,
       (SELECT count(*)::int FROM accounts a WHERE a.organisation_id = o.id AND a.role = 'of_user' AND a.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM passkeys p WHERE p.account_id = a.id AND p.revoked_at IS NULL)) AS without
     FROM organisations o WHERE o.id = $1`,
    [organisationId],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'organisation');
  return { policy: row.policy === 'passkey' ? 'passkey' : 'passkey_or_totp', usersWithoutPasskey: row.without };
}

/** Sets the policy; only the RGC (the route says so too), recorded with who and when. */
export async function setMfaPolicy(db: Db, actor: Actor, policy: OrganisationMfaPolicy, at: Date): Promise<void> {
  const { organisationId, accountId } = organisationOf(actor);
  if (actor.kind !== 'account' || actor.role !== 'of_manager') throw new AppError('FORBIDDEN', 'not the RGC');
  await db.query(
    `UPDATE organisations SET mfa_policy = jsonb_set(mfa_policy, '{of_user}', to_jsonb($2::text)),
       mfa_policy_set_by = $3, mfa_policy_set_at = $4 WHERE id = $1 AND kind = 'training'`,
    [organisationId, policy, accountId, at],
  );
}
