import type { Role } from '../vault/types.js';
import { isStaffRole } from './sessions/policy.js';

/** What a role must present after its password: nothing (citizens), any MFA, or a passkey. */
export type MfaRequirement = 'optional' | 'passkey_or_totp' | 'passkey';

/**
 * The default policy (DESIGN.md promise 1): every staff and partner role needs MFA; the roles
 * that reach many people or manage accounts need a phishing-resistant passkey. Never SMS,
 * never e-mail codes (ANSSI, « Recommandations relatives à l’authentification multifacteur »).
 */
const defaults: Record<Role, MfaRequirement> = {
  candidate: 'optional',
  job_seeker: 'optional',
  recruiter: 'passkey_or_totp',
  of_user: 'passkey_or_totp',
  recruiter_manager: 'passkey',
  of_manager: 'passkey',
  advisor: 'passkey',
  security_officer: 'passkey',
  admin: 'passkey',
};

/**
 * The requirement for a role in an organisation. An organisation's policy may only make it
 * stricter: it may demand a passkey where TOTP was allowed, never drop MFA for staff.
 */
export function mfaRequirement(role: Role, organisationPolicy: Record<string, unknown> = {}): MfaRequirement {
  const base = defaults[role];
  if (!isStaffRole(role)) return base;
  return organisationPolicy[role] === 'passkey' ? 'passkey' : base;
}

export function totpAllowed(requirement: MfaRequirement): boolean {
  return requirement !== 'passkey';
}
