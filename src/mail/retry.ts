import type { Random } from '../kernel/random.js';
import { MailParamsError } from './params.js';

/** How long a claimed message is reserved for the sender before another run may take it. */
export const LEASE_MS = 10 * 60_000;

/** After this many failures a message is no longer retried; it stays for an operator to see. */
export const MAX_ATTEMPTS = 10;

const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 60 * 60_000;

/**
 * The wait before the next try after `attempts` failures: doubling from one minute, capped at
 * six hours, between half and all of it at random so that retries after an outage spread out.
 */
export function backoffMs(attempts: number, random: Random): number {
  const full = Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  const share = random.bytes(4).readUInt32BE(0) / 2 ** 32;
  return Math.round(full / 2 + (full / 2) * share);
}

const CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
const NAME = /^[A-Za-z]{1,40}$/;

/**
 * What is stored and logged about a failed delivery: a stable code and the SMTP status, never
 * the error's text. A server's reply ("550 <adresse> : boîte inconnue") often quotes the
 * recipient's address, and the outbox and logs must hold no personal data.
 */
export function deliveryErrorCode(error: unknown): string {
  if (error instanceof MailParamsError) return 'TEMPLATE_INVALID';
  const { code, responseCode, name } = (error ?? {}) as { code?: unknown; responseCode?: unknown; name?: unknown };
  const label =
    typeof code === 'string' && CODE.test(code) ? code : typeof name === 'string' && NAME.test(name) ? name : 'Error';
  return typeof responseCode === 'number' && Number.isInteger(responseCode) ? `${label} ${responseCode}` : label;
}
