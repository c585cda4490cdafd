import type { Keyring } from '../../crypto/keyring.js';
import type { Queryable } from '../../db/client.js';
import { contactDigest, contactKey, type ContactKind } from './contacts.js';

/*
 * Recognising a leaked file (DESIGN.md, promise 5): every e-mail address and French phone
 * number a file holds, in whatever column or layout, is normalised and digested as the
 * canaries' contacts were; a digest found among theirs means the file holds a canary, which only
 * rempart had, and only an account that read it (and was suspended for it) or a copy of the
 * database with its master key could have taken. The file is read a line at a time, so a file
 * of 377,418 lines is no burden; nothing it holds is stored or printed.
 */

/** An e-mail address as people write it in a file. */
const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A French number: 0X, +33 X or 0033 X, then eight digits, spaced, dotted or dashed, or not. */
const PHONE = /(?<![\d+])(?:\+33|0033|0)[\s.-]*[1-9](?:[\s.-]?\d){8}(?!\d)/g;

/** One canary contact found in the file: whose planting it belongs to, and on which lines. */
export interface FoundContact {
  kind: ContactKind;
  space: string;
  holder: string;
  /** The organisation's name, for a training organisation's or an employer's canary. */
  holderName: string | null;
  lines: number[];
}

export interface LeakReport {
  lines: number;
  found: FoundContact[];
}

/** The lines a found contact keeps, at most: enough to look at, never a copy of the file. */
const LINES_KEPT = 10;

/** Checks the lines of a file against the canaries' contacts. */
export async function checkLeak(
  deps: { db: Queryable; keyring: Keyring },
  lines: AsyncIterable<string>,
): Promise<LeakReport> {
  const known = await knownContacts(deps.db);
  const key = contactKey(deps.keyring);
  const found = new Map<string, FoundContact>();
  let count = 0;
  for await (const line of lines) {
    count++;
    const candidates: [ContactKind, string][] = [
      ...[...line.matchAll(EMAIL)].map((match) => ['email', match[0]] as [ContactKind, string]),
      ...[...line.matchAll(PHONE)].map((match) => ['phone', match[0]] as [ContactKind, string]),
    ];
    for (const [kind, value] of candidates) {
      const digest = contactDigest(key, kind, value).toString('hex');
      const canary = known.get(digest);
      if (!canary) continue;
      const entry = found.get(digest) ?? { ...canary, lines: [] };
      if (entry.lines.length < LINES_KEPT && entry.lines.at(-1) !== count) entry.lines.push(count);
      found.set(digest, entry);
    }
  }
  return { lines: count, found: [...found.values()] };
}

async function knownContacts(db: Queryable): Promise<Map<string, Omit<FoundContact, 'lines'>>> {
  const { rows } = await db.query<{
    digest: Uint8Array;
    kind: ContactKind;
    space: string;
    holder: string;
    name: string | null;
  }>(
    `SELECT c.digest, c.kind, c.space, c.holder, o.name FROM canary_contacts c
     LEFT JOIN organisations o ON c.space IN ('training', 'recruiting') AND o.id::text = c.holder`,
  );
  return new Map(
    rows.map((row) => [
      Buffer.from(row.digest).toString('hex'),
      { kind: row.kind, space: row.space, holder: row.holder, holderName: row.name },
    ]),
  );
}
