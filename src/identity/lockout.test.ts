import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import {
  accountDelayMs,
  ADDRESS_MAX_FAILURES,
  ADDRESS_WINDOW_MS,
  addressThrottled,
  evaluateAccount,
  FORGET_EVERY_MS,
  LOCK_AFTER,
  LOCK_DURATION_MS,
  purgeLoginFailures,
  recordAddressFailure,
  recordFailure,
  recordSuccess,
} from './lockout.js';
import { addressKey, addressTag } from '../crypto/address-tag.js';

const tagKey = randomBytes(32);
const tag = (addr: string) => addressTag(tagKey, addr);

const t0 = new Date('2026-11-20T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('account policy', () => {
  it('delays from the fourth failure, doubling from 1 s up to 60 s', () => {
    const delays = Array.from({ length: 13 }, (_, n) => accountDelayMs(n));
    expect(delays).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(accountDelayMs(1000)).toBe(60000);
  });

  it('locks at ten failures for fifteen minutes, well under the 50 the CNIL found insufficient', () => {
    expect(LOCK_AFTER).toBeLessThanOrEqual(10);
    expect(LOCK_DURATION_MS).toBe(15 * 60_000);
  });

  it('lets an account with few failures in at once', () => {
    expect(evaluateAccount({ failedLogins: 0, lastFailedAt: null, lockedUntil: null, now: t0 })).toEqual({
      allowed: true,
    });
    expect(evaluateAccount({ failedLogins: 3, lastFailedAt: t0, lockedUntil: null, now: t0 })).toEqual({
      allowed: true,
    });
  });

  it('makes it wait out the delay its last failure earned', () => {
    const state = { failedLogins: 6, lastFailedAt: t0, lockedUntil: null };
    expect(evaluateAccount({ ...state, now: later(1000) })).toEqual({
      allowed: false,
      retryAfterMs: 3000,
      reason: 'delay',
    });
    expect(evaluateAccount({ ...state, now: later(4000) })).toEqual({ allowed: true });
  });

  it('refuses a locked account until the lock ends', () => {
    const state = { failedLogins: 10, lastFailedAt: t0, lockedUntil: later(LOCK_DURATION_MS) };
    expect(evaluateAccount({ ...state, now: later(60_000) })).toEqual({
      allowed: false,
      retryAfterMs: LOCK_DURATION_MS - 60_000,
      reason: 'locked',
    });
    expect(evaluateAccount({ ...state, now: later(LOCK_DURATION_MS) })).toEqual({ allowed: true });
  });
});

describe.each(engines)('recorded failures, on %s', (engine) => {
  let db: Db;
  const newAccount = async () => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO accounts (id, role, organisation_id, status, email_enc, email_bidx) VALUES ($1, 'candidate', NULL, 'active', '\\x00', $2)`,
      [id, randomBytes(16)],
    );
    return id;
  };
  const load = async (id: string) => {
    const { rows } = await db.query<{
      failed_logins: number;
      last_failed_login_at: Date | null;
      locked_until: Date | null;
    }>('SELECT failed_logins, last_failed_login_at, locked_until FROM accounts WHERE id = $1', [id]);
    const row = rows[0]!;
    return { failedLogins: row.failed_logins, lastFailedAt: row.last_failed_login_at, lockedUntil: row.locked_until };
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('locks the account at the tenth consecutive failure, not before', async () => {
    const id = await newAccount();
    for (let n = 1; n < LOCK_AFTER; n++) {
      expect(await recordFailure(db, id, later(n * 60_000))).toEqual({ failedLogins: n, lockedUntil: null });
    }
    const tenth = later(LOCK_AFTER * 60_000);
    expect(await recordFailure(db, id, tenth)).toEqual({
      failedLogins: LOCK_AFTER,
      lockedUntil: new Date(tenth.getTime() + LOCK_DURATION_MS),
    });
    expect(evaluateAccount({ ...(await load(id)), now: later(LOCK_AFTER * 60_000 + 1000) })).toMatchObject({
      allowed: false,
      reason: 'locked',
    });
  });

  it('lets old failures age out: one guess every fifteen minutes never keeps the owner locked out', async () => {
    const id = await newAccount();
    for (let n = 1; n <= LOCK_AFTER; n++) await recordFailure(db, id, t0);
    expect(evaluateAccount({ ...(await load(id)), now: later(60_000) })).toMatchObject({ reason: 'locked' });
    // The attacker: one paced guess every quarter of an hour, for a whole day.
    for (let n = 1; n <= 96; n++) {
      const guess = later(n * LOCK_DURATION_MS);
      expect(evaluateAccount({ ...(await load(id)), now: guess })).toEqual({ allowed: true });
      const after = await recordFailure(db, id, guess);
      expect(after!.failedLogins).toBeLessThan(LOCK_AFTER);
      // The owner, a minute after each guess, may log in.
      expect(evaluateAccount({ ...(await load(id)), now: new Date(guess.getTime() + 60_000) })).toEqual({
        allowed: true,
      });
    }
    await recordSuccess(db, id);
    expect(await load(id)).toEqual({ failedLogins: 0, lastFailedAt: null, lockedUntil: null });
  });

  it('still locks a guesser faster than one try every six minutes, within ten tries', async () => {
    const id = await newAccount();
    const spacing = FORGET_EVERY_MS - 60_000;
    let locked: number | null = null;
    for (let n = 1; n <= LOCK_AFTER && locked === null; n++) {
      if ((await recordFailure(db, id, later(n * spacing)))!.lockedUntil) locked = n;
    }
    expect(locked).toBe(LOCK_AFTER);
    // After the lock, the forgotten failures are few: two more tries lock again.
    const afterLock = later(LOCK_AFTER * spacing + LOCK_DURATION_MS);
    expect((await recordFailure(db, id, afterLock))!.lockedUntil).toBeNull();
    const next = new Date(afterLock.getTime() + 60_000);
    expect((await recordFailure(db, id, next))!.lockedUntil).toEqual(new Date(next.getTime() + LOCK_DURATION_MS));
  });

  it('answers null for an unknown account', async () => {
    expect(await recordFailure(db, randomUUID(), t0)).toBeNull();
  });

  it('throttles an address at twenty failures within fifteen minutes, until they age out', async () => {
    const addr = '203.0.113.7';
    for (let n = 0; n < ADDRESS_MAX_FAILURES - 1; n++) await recordAddressFailure(db, tag(addr), later(n * 10_000));
    const now = later(ADDRESS_MAX_FAILURES * 10_000);
    expect(await addressThrottled(db, tag(addr), now)).toEqual({ throttled: false });
    await recordAddressFailure(db, tag(addr), now);
    expect(await addressThrottled(db, tag(addr), now)).toEqual({
      throttled: true,
      retryAfterMs: ADDRESS_WINDOW_MS - ADDRESS_MAX_FAILURES * 10_000,
    });
    expect(await addressThrottled(db, tag('203.0.113.8'), now)).toEqual({ throttled: false });
    expect(await addressThrottled(db, tag(addr), later(ADDRESS_WINDOW_MS))).toEqual({ throttled: false });
  });

  it('counts a whole IPv6 /64 as one address', async () => {
    for (let n = 0; n < ADDRESS_MAX_FAILURES; n++) {
      await recordAddressFailure(db, tag(`2001:db8:aa:1::${(n + 1).toString(16)}`), t0);
    }
    expect(await addressThrottled(db, tag('2001:db8:aa:1:ffff::1'), t0)).toMatchObject({ throttled: true });
    expect(await addressThrottled(db, tag('2001:db8:aa:2::1'), t0)).toEqual({ throttled: false });
  });

  it('forgets failures once they are older than the window', async () => {
    await recordAddressFailure(db, tag('198.51.100.1'), t0);
    await recordAddressFailure(db, tag('198.51.100.2'), later(ADDRESS_WINDOW_MS));
    const purged = await purgeLoginFailures(db, later(ADDRESS_WINDOW_MS + 1));
    expect(purged).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ addr_tag: Uint8Array }>(
      'SELECT addr_tag FROM login_failures WHERE addr_tag = ANY($1)',
      [[tag('198.51.100.1'), tag('198.51.100.2')]],
    );
    expect(rows.map((row) => Buffer.from(row.addr_tag))).toEqual([tag('198.51.100.2')]);
  });
});

describe('addressKey', () => {
  it('keeps IPv4 as is, unwraps IPv4-mapped IPv6 and cuts IPv6 to its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:DB8:0001:0002:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('1::2:3:4:5:1.2.3.4')).toBe('1:0:2:3::/64');
  });
});
