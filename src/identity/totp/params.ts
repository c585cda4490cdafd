/**
 * The TOTP settings rempart issues: HMAC-SHA1, 6 digits, 30-second steps. They are RFC 6238's
 * defaults and the only ones every authenticator app honours (several ignore `algorithm` and
 * `period` in the URI and then show wrong codes). Collisions in SHA-1 do not weaken its use
 * inside HMAC, which is all TOTP asks of it.
 */
export const TOTP_PARAMS = Object.freeze({
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

/** RFC 4226 §4 R6 asks for at least 128 bits and recommends 160: 20 bytes. */
export const TOTP_SECRET_BYTES = 20;

/** The time step (RFC 6238 §4.2: T = floor((now − T0) / X), T0 = 0) a moment falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PARAMS.period);
}
