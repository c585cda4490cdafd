import { TOTP } from 'otpauth';
import { TOTP_PARAMS } from './params.js';

/**
 * The `otpauth://totp/…` URI an authenticator app scans as a QR code (Key URI Format), with
 * rempart's fixed parameters. `label` names the account in the app; `issuer` defaults to
 * "rempart" so the app groups and titles the entry.
 */
export function totpUri(input: { secret: string; label: string; issuer?: string }): string {
  return new TOTP({
    issuer: input.issuer ?? 'rempart',
    label: input.label,
    secret: input.secret,
    ...TOTP_PARAMS,
  }).toString();
}
