import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { systemRandom, type Random } from '../kernel/random.js';
import {
  consumeRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  remainingRecoveryCodes,
  storeRecoveryCodes,
} from './recovery-codes.js';

const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const at = new Date('2026-11-20T10:00:00Z');

/** A random source that hands out the given bytes, repeated. */
function replaying(bytes: number[]): Random {
  return {
    bytes: (length) => Buffer.from(Array.from({ length }, (_, i) => bytes[i % bytes.length]!)),
    uuid: () => randomUUID(),
  };
}

describe('generating and hashing recovery codes', () => {
  it('makes ten distinct XXXX-XXXX-XXXX codes by default, or as many as asked', () => {
    const codes = generateRecoveryCodes(systemRandom);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(SHAPE);
    expect(generateRecoveryCodes(systemRandom, 3)).toHaveLength(3);
  });

  it('spends 5 random bits per symbol, 60 per code, without look-alike letters', () => {
    expect(generateRecoveryCodes(replaying([0]), 1)).toEqual(['0000-0000-0000']);
    expect(generateRecoveryCodes(replaying([31]), 1)).toEqual(['ZZZZ-ZZZZ-ZZZZ']);
    expect(generateRecoveryCodes(replaying([32 + 10]), 1)).toEqual(['AAAA-AAAA-AAAA']);
    const symbols = new Set(generateRecoveryCodes(replaying([...Array(32).keys()]), 1)[0]!.replaceAll('-', ''));
    expect(symbols.size).toBe(12);
    const seen = new Set(generateRecoveryCodes(systemRandom, 200).join('').replaceAll('-', ''));
    expect(seen.size).toBe(32); // 2^5 symbols × 12 = 60 bits
    for (const ambiguous of ['I', 'L', 'O', 'U']) expect(seen.has(ambiguous)).toBe(false);
  });

  it('hashes the normalised code with SHA-256, whatever the case, dashes, spaces or look-alikes', () => {
    const expected = createHash('sha256').update('ABCD0FGH1K1N').digest();
    expect(hashRecoveryCode('ABCD-0FGH-1K1N')).toEqual(expected);
    expect(hashRecoveryCode(' abcd ofgh-iklN ')).toEqual(expected);
    expect(hashRecoveryCode('ABCD-0FGH-1K1M')).not.toEqual(expected);
  });

  it('refuses to hash what is not a recovery code', () => {
    for (const bad of ['', 'ABCD-EFGH', 'ABCD-EFGH-JKMN-P', 'ABCD-EFGH-JKU!']) {
      expect(() => hashRecoveryCode(bad)).toThrow(RangeError);
    }
  });
});

describe.each(engines)('storing and spending recovery codes, on %s', (engine) => {
  let db: Db;
  const newAccount = async () => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO accounts (id, role, organisation_id, status, email_enc, email_bidx) VALUES ($1, 'candidate', NULL, 'active', '\\x00', $2)`,
      [id, randomBytes(16)],
    );
    return id;
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('accepts each code once, for its own account only', async () => {
    const [alice, bob] = [await newAccount(), await newAccount()];
    const codes = generateRecoveryCodes(systemRandom);
    await storeRecoveryCodes(db, alice, codes.map(hashRecoveryCode));
    expect(await remainingRecoveryCodes(db, alice)).toBe(10);
    expect(await consumeRecoveryCode(db, bob, codes[0]!, at)).toBe(false);
    expect(await consumeRecoveryCode(db, alice, codes[0]!.toLowerCase(), at)).toBe(true);
    expect(await consumeRecoveryCode(db, alice, codes[0]!, at)).toBe(false);
    expect(await remainingRecoveryCodes(db, alice)).toBe(9);
    expect(await consumeRecoveryCode(db, alice, 'pas un code', at)).toBe(false);
    expect(await consumeRecoveryCode(db, alice, '0000-0000-0000', at)).toBe(false);
  });

  it('keeps only hashes in the database', async () => {
    const account = await newAccount();
    const codes = generateRecoveryCodes(systemRandom, 2);
    await storeRecoveryCodes(db, account, codes.map(hashRecoveryCode));
    const { rows } = await db.query<{ code_hash: Uint8Array }>(
      'SELECT code_hash FROM recovery_codes WHERE account_id = $1',
      [account],
    );
    const stored = rows.map((row) => Buffer.from(row.code_hash).toString('hex')).sort();
    expect(stored).toEqual(codes.map((code) => hashRecoveryCode(code).toString('hex')).sort());
    for (const code of codes) expect(stored.join()).not.toContain(Buffer.from(code).toString('hex'));
  });

  it('lets exactly one of two simultaneous uses of a code succeed', async () => {
    const account = await newAccount();
    const [code] = generateRecoveryCodes(systemRandom, 1);
    await storeRecoveryCodes(db, account, [hashRecoveryCode(code!)]);
    const results = await Promise.all([
      consumeRecoveryCode(db, account, code!, at),
      consumeRecoveryCode(db, account, code!, at),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('replaces the whole set: old codes, used or not, stop working', async () => {
    const account = await newAccount();
    const first = generateRecoveryCodes(systemRandom);
    await storeRecoveryCodes(db, account, first.map(hashRecoveryCode));
    expect(await consumeRecoveryCode(db, account, first[0]!, at)).toBe(true);
    const second = generateRecoveryCodes(systemRandom);
    await db.transaction((tx) => storeRecoveryCodes(tx, account, second.map(hashRecoveryCode)));
    expect(await remainingRecoveryCodes(db, account)).toBe(10);
    expect(await consumeRecoveryCode(db, account, first[1]!, at)).toBe(false);
    expect(await consumeRecoveryCode(db, account, second[1]!, at)).toBe(true);
  });
});
