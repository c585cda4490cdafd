import { createHash } from 'node:crypto';
import type { Db, Queryable, Tx } from '../db/client.js';
import type { Random } from '../kernel/random.js';

/**
 * Crockford's base32 alphabet (https://www.crockford.com/base32.html): digits and upper-case
 * letters without I, L, O and U, so nothing reads as something else; on input O is read as 0
 * and I or L as 1, as Crockford prescribes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH; // 12 symbols × 5 bits = 60 bits
const NORMALISED = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/**
 * Fresh single-use recovery codes, shown to the person once, formatted `XXXX-XXXX-XXXX`:
 * 60 random bits each, from the injected random source. Store only `hashRecoveryCode` of each.
 */
export function generateRecoveryCodes(random: Random, count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    // 256 is a multiple of 32: keeping a byte's low five bits is free of modulo bias.
    const symbols = [...random.bytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
    codes.add(
      Array.from({ length: GROUPS }, (_, i) => symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH)).join('-'),
    );
  }
  return [...codes];
}

/**
 * The stored form of a recovery code: SHA-256 of its normalised text (upper case, no dashes or
 * spaces, Crockford's look-alikes folded). A fast hash suffices because the code is 60 random
 * bits, not a human choice: no dictionary applies, and a stolen hash needs about 2^59 tries per
 * code, while the code is only a second factor behind an argon2id password. docs/passwords.md
 * gives the reasoning and its limit. Throws on text that is not a recovery code.
 */
export function hashRecoveryCode(code: string): Buffer {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === null) throw new RangeError('not a recovery code');
  return sha256(normalised);
}

/**
 * Replaces all of an account's recovery codes with these hashes (new set after enrolment or
 * after "générer de nouveaux codes"): the old ones stop working at once. Runs in a transaction,
 * the caller's if it has one, so the account is never left with no codes or with both sets.
 */
export async function storeRecoveryCodes(q: Db | Tx, accountId: string, hashes: readonly Buffer[]): Promise<void> {
  const work = async (tx: Queryable) => {
    await tx.query('DELETE FROM recovery_codes WHERE account_id = $1', [accountId]);
    for (const hash of new Set(hashes.map((h) => h.toString('hex')))) {
      await tx.query('INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)', [
        accountId,
        Buffer.from(hash, 'hex'),
      ]);
    }
  };
  if ('inTransaction' in q) await work(q);
  else await q.transaction(work);
}

/**
 * Spends one recovery code: true only for an unused code of this account, which is then used
 * for good. A single guarded UPDATE, so two requests racing with the same code cannot both
 * succeed. Count a false answer as a failed login (lockout.ts).
 */
export async function consumeRecoveryCode(q: Queryable, accountId: string, code: string, at: Date): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === null) return false;
  const { rows } = await q.query(
    `UPDATE recovery_codes SET used_at = $3
     WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING account_id`,
    [accountId, sha256(normalised), at],
  );
  return rows.length === 1;
}

/** How many unused recovery codes the account has left (to suggest a new set when few remain). */
export async function remainingRecoveryCodes(q: Queryable, accountId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL',
    [accountId],
  );
  return rows[0]?.n ?? 0;
}

function normaliseRecoveryCode(code: string): string | null {
  if (code.length > 64) return null;
  const folded = code
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return NORMALISED.test(folded) ? folded : null;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
