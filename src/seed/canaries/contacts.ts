import { createHmac } from 'node:crypto';
import type { Keyring } from '../../crypto/keyring.js';
import { normaliseEmail, normalisePhone } from '../../crypto/normalise.js';
import type { Queryable } from '../../db/client.js';
import { asciiSlug } from '../names.js';
import type { Rng } from '../rng.js';

/*
 * A canary's own e-mail address and phone number, recorded apart as keyed digests only, so that
 * a leaked file can be checked for them later (./check.ts) while the database holds neither in
 * clear: HMAC-SHA256 under a key derived from the master key (never stored, as for the log's
 * seals), so a copy of the database cannot even test a guessed value. The digests are whole:
 * unlike a blind index, nothing is ever looked up by a truncated bucket here, and a canary's
 * contact must match nothing else.
 */

/** Where canaries' e-mail addresses are, in the demo: a reserved name (RFC 6761 §6.2) that nobody else uses. */
export const CANARY_EMAIL_DOMAIN = 'leurre.rempart.test';

/**
 * The numbers ARCEP keeps for works of fiction, which no line will ever have: 01 99 00 00 00 to
 * 01 99 00 99 99 (plan national de numérotation, décision n° 2018-0881 and its amendments).
 */
const FICTION_PREFIX = '019900';
const FICTION_NUMBERS = 10_000;

/** How many draws a free number gets before a canary goes without a phone (the range is full). */
const PHONE_TRIES = 64;

export type ContactKind = 'email' | 'phone';

/** The key of the contacts' digests, derived from the master key for this use only. */
export function contactKey(keyring: Keyring): Buffer {
  return keyring.deriveOutsideKey('canary-contacts');
}

/** The digest of one contact as a leaked file may write it: case, spaces and +33 do not matter. */
export function contactDigest(key: Buffer, kind: ContactKind, value: string): Buffer {
  const normal = kind === 'email' ? normaliseEmail(value) : normalisePhone(value);
  return createHmac('sha256', key).update(`${kind}:${normal}`, 'utf8').digest();
}

async function taken(q: Queryable, digest: Buffer): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM canary_contacts WHERE digest = $1', [digest]);
  return rows.length > 0;
}

/**
 * An e-mail address and a phone number no other canary has: the address as a person writes
 * theirs, with a number that keeps it unique; the number in the fiction range, written as
 * people write it. Without a free number, the canary has none.
 */
export async function drawContacts(
  q: Queryable,
  key: Buffer,
  rng: Rng,
  name: { firstName: string; lastName: string },
  domain: string,
): Promise<{ email: string; phone: string | null }> {
  const local = `${asciiSlug(name.firstName)}.${asciiSlug(name.lastName)}`;
  let email = `${local}${rng.int(10, 99)}@${domain}`;
  while (await taken(q, contactDigest(key, 'email', email))) email = `${local}${rng.int(100, 99_999)}@${domain}`;
  for (let n = 0; n < PHONE_TRIES; n++) {
    const national = FICTION_PREFIX + String(rng.int(0, FICTION_NUMBERS - 1)).padStart(4, '0');
    if (!(await taken(q, contactDigest(key, 'phone', national)))) return { email, phone: spaced(national) };
  }
  return { email, phone: null };
}

/** « 01 99 00 12 34 »: the way most people write a number. */
function spaced(national: string): string {
  return national.match(/\d{2}/g)!.join(' ');
}

/** Records a canary's contacts under its planting (same transaction as the canary itself). */
export async function recordContacts(
  q: Queryable,
  key: Buffer,
  planting: { space: string; holder: string },
  contacts: { email: string; phone: string | null },
): Promise<void> {
  const rows: [ContactKind, string][] = [['email', contacts.email]];
  if (contacts.phone) rows.push(['phone', contacts.phone]);
  for (const [kind, value] of rows) {
    await q.query('INSERT INTO canary_contacts (digest, kind, space, holder) VALUES ($1, $2, $3, $4)', [
      contactDigest(key, kind, value),
      kind,
      planting.space,
      planting.holder,
    ]);
  }
}
