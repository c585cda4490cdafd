import { isStaffRole, type Role } from '../../kernel/roles.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Citizens manage their own data; every other role reaches other people's (kernel/roles.ts). */
export { isStaffRole };

/**
 * Idle and absolute session lifetimes (NIST SP 800-63B-4 §2.2.3/§2.3.3: AAL2 re-authentication
 * at least every 24 h and after ≤ 1 h idle; AAL3 every 12 h and ≤ 15 min idle). Staff and
 * partners reach other people's data, so they get the AAL3 timers.
 */
export function sessionLifetimes(role: Role): { idleMs: number; absoluteMs: number } {
  return isStaffRole(role) ? { idleMs: 15 * MINUTE, absoluteMs: 12 * HOUR } : { idleMs: HOUR, absoluteMs: 24 * HOUR };
}

/** How long a cookie alone is trusted after the device last proved itself (DBSC-like). */
export const PROOF_TRUST_MS = 5 * MINUTE;

/** How fresh a per-request proof must be (RFC 9449 §11.1 leaves the window to the server). */
export const PROOF_MAX_AGE_MS = 60_000;

/**
 * How far ahead of the server's clock a proof's `iat` may be. Computers and phones set their
 * clocks by NTP or the mobile network, well within a second of the server; `iat` is rounded down
 * to the second, which only moves it back. Five seconds forgive a slightly fast clock and no
 * more: a proof dated further ahead was signed in advance, to be used later (issue 8).
 */
export const PROOF_FUTURE_SKEW_MS = 5_000;

/** How recent a passkey or TOTP check must be for a sensitive action. */
export const STEP_UP_MS = 5 * MINUTE;
