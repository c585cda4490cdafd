import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { consumeToken, issueToken, MAX_TOKEN_TTL_MS } from './tokens.js';

const HOUR = 3600_000;
let db: Db;

async function newAccount(): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO accounts (id, role, organisation_id, status, email_enc, email_bidx) VALUES ($1, 'candidate', NULL, 'active', '\\x00', $2)`,
    [id, randomBytes(16)],
  );
  return id;
}

describe.each(engines)('single-use tokens, on %s', (engine) => {
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('returns 32 random bytes in base64url and stores only their SHA-256', async () => {
    const accountId = await newAccount();
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const token = await issueToken(db, {
      accountId,
      purpose: 'reset_password',
      ttlMs: HOUR,
      clock,
      random: systemRandom,
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const { rows } = await db.query<{ token_hash: Uint8Array; expires_at: Date }>(
      'SELECT token_hash, expires_at FROM account_tokens WHERE account_id = $1',
      [accountId],
    );
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.token_hash)).toEqual(createHash('sha256').update(token).digest());
    expect(rows[0]!.expires_at.getTime()).toBe(clock.now().getTime() + HOUR);
  });

  it('opens once, then never again', async () => {
    const accountId = await newAccount();
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const token = await issueToken(db, {
      accountId,
      purpose: 'verify_email',
      ttlMs: HOUR,
      clock,
      random: systemRandom,
    });
    expect(await consumeToken(db, { token, purpose: 'verify_email', clock })).toBe(accountId);
    expect(await consumeToken(db, { token, purpose: 'verify_email', clock })).toBeNull();
  });

  it('opens nothing for another purpose, and stays usable for its own', async () => {
    const accountId = await newAccount();
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const token = await issueToken(db, { accountId, purpose: 'invitation', ttlMs: HOUR, clock, random: systemRandom });
    expect(await consumeToken(db, { token, purpose: 'reset_password', clock })).toBeNull();
    expect(await consumeToken(db, { token, purpose: 'invitation', clock })).toBe(accountId);
  });

  it('expires at its deadline exactly', async () => {
    const accountId = await newAccount();
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const token = await issueToken(db, {
      accountId,
      purpose: 'reset_password',
      ttlMs: HOUR,
      clock,
      random: systemRandom,
    });
    clock.advance(HOUR);
    expect(await consumeToken(db, { token, purpose: 'reset_password', clock })).toBeNull();
    clock.advance(-1);
    expect(await consumeToken(db, { token, purpose: 'reset_password', clock })).toBe(accountId);
  });

  it('retires older unused tokens of the same purpose and account, and only those', async () => {
    const [alice, bob] = [await newAccount(), await newAccount()];
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const issue = (accountId: string, purpose: 'reset_password' | 'verify_email') =>
      issueToken(db, { accountId, purpose, ttlMs: HOUR, clock, random: systemRandom });
    const older = await issue(alice, 'reset_password');
    const otherPurpose = await issue(alice, 'verify_email');
    const otherAccount = await issue(bob, 'reset_password');
    clock.advance(60_000);
    const newer = await issue(alice, 'reset_password');
    expect(await consumeToken(db, { token: older, purpose: 'reset_password', clock })).toBeNull();
    expect(await consumeToken(db, { token: newer, purpose: 'reset_password', clock })).toBe(alice);
    expect(await consumeToken(db, { token: otherPurpose, purpose: 'verify_email', clock })).toBe(alice);
    expect(await consumeToken(db, { token: otherAccount, purpose: 'reset_password', clock })).toBe(bob);
  });

  it('lets exactly one of two simultaneous uses succeed', async () => {
    const accountId = await newAccount();
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const token = await issueToken(db, {
      accountId,
      purpose: 'reset_password',
      ttlMs: HOUR,
      clock,
      random: systemRandom,
    });
    const results = await Promise.all([
      consumeToken(db, { token, purpose: 'reset_password', clock }),
      consumeToken(db, { token, purpose: 'reset_password', clock }),
    ]);
    expect(results.filter((result) => result === accountId)).toHaveLength(1);
  });

  it('answers null to malformed or unknown tokens', async () => {
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    for (const token of [
      '',
      'court',
      `${'A'.repeat(43)}=`,
      "'; DROP TABLE accounts; --",
      randomBytes(32).toString('base64url'),
    ]) {
      expect(await consumeToken(db, { token, purpose: 'reset_password', clock })).toBeNull();
    }
  });

  it('refuses lifetimes that are not a positive number of milliseconds up to a week', async () => {
    const accountId = await newAccount();
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    for (const ttlMs of [0, -1, 1.5, Number.NaN, MAX_TOKEN_TTL_MS + 1]) {
      await expect(
        issueToken(db, { accountId, purpose: 'invitation', ttlMs, clock, random: systemRandom }),
      ).rejects.toThrow(RangeError);
    }
  });
});
