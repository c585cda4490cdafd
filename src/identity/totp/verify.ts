import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import { TOTP_PARAMS, totpStep } from './params.js';

export type TotpResult = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/** RFC 6238 §5.2 recommends accepting at most one step of network delay, either way. */
const WINDOW = 1;

/**
 * Checks a TOTP code at time `at`. Accepts the codes of steps t − 1, t and t + 1, and only for
 * a step later than `lastUsedStep`: RFC 6238 §5.2 says a verifier must not accept the same OTP
 * twice, and a later step also retires the earlier ones. On success, store the returned `step`
 * as the credential's new `lastUsedStep` (in the same transaction as the login it allows), so
 * two requests racing with one code cannot both pass. Count failures towards the lockout
 * (RFC 4226 §7.3: throttle guesses, a 6-digit code is one in a million per try).
 */
export function verifyTotp(input: { secret: string; code: string; at: Date; lastUsedStep: number }): TotpResult {
  // Authenticator apps show "123 456": spaces are presentation, anything else is wrong input.
  const code = input.code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const secret = Secret.fromBase32(input.secret);
  const now = totpStep(input.at);
  const matched: number[] = [];
  // Every candidate is computed and compared, matched or not, so the time taken says nothing.
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    const expected = HOTP.generate({
      secret,
      algorithm: TOTP_PARAMS.algorithm,
      digits: TOTP_PARAMS.digits,
      counter: step,
    });
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) matched.push(step);
  }
  if (matched.length === 0) return { ok: false, reason: 'invalid' };
  // Two steps sharing a code (one chance in a million) resolve to the earliest still unused.
  const fresh = matched.find((step) => step > input.lastUsedStep);
  if (fresh === undefined) return { ok: false, reason: 'replayed' };
  return { ok: true, step: fresh };
}
