import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../kernel/clock.js';
import { systemRandom } from '../../kernel/random.js';
import { addressTag } from '../../crypto/address-tag.js';
import { createDeviceClient } from '../client/proof-client.js';
import { parseDeviceKey, verifyProof } from './device-proof.js';
import { issueNonce, NONCE_LIFETIME_MS, nonceIsFresh } from './nonce.js';
import { createSession, endAccountSessions, findSession, isBound } from './session-store.js';
import { spendNonce } from './spend-nonce.js';

const nonceKey = randomBytes(32);
const tagKey = randomBytes(32);
const tag = (addr: string) => addressTag(tagKey, addr);
const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

describe('device proofs', () => {
  it('accepts a fresh proof for the right method, path and nonce, and nothing else', async () => {
    const device = await createDeviceClient();
    const deviceKey = parseDeviceKey(device.publicJwk)!;
    const at = new Date('2026-11-20T10:00:00Z');
    const nonce = issueNonce(nonceKey, 'session-a', at, systemRandom);
    const check = (proof: string, overrides: Partial<Parameters<typeof verifyProof>[0]> = {}) =>
      verifyProof({
        proof,
        deviceKey,
        method: 'GET',
        path: '/api/v1/moi',
        at,
        nonceKey,
        sessionId: 'session-a',
        ...overrides,
      });
    const good = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce, at });
    expect(await check(good)).toMatchObject({ ok: true });
    expect(await check(good, { method: 'POST' })).toEqual({ ok: false, reason: 'method' });
    expect(await check(good, { path: '/api/v1/sessions' })).toEqual({ ok: false, reason: 'path' });
    expect(await check(good, { at: new Date(at.getTime() + 61_000) })).toEqual({ ok: false, reason: 'stale' });
    // Dated ahead: a few seconds of clock drift pass, a proof signed for later does not.
    const soon = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce, at: new Date(at.getTime() + 4_000) });
    expect(await check(soon)).toMatchObject({ ok: true });
    const ahead = await device.proof({
      method: 'GET',
      path: '/api/v1/moi',
      nonce,
      at: new Date(at.getTime() + 59_000),
    });
    expect(await check(ahead)).toEqual({ ok: false, reason: 'future' });
    expect(await check(ahead, { at: new Date(at.getTime() + 59_000) })).toMatchObject({ ok: true });
    expect(await check(good, { sessionId: 'session-b' })).toEqual({ ok: false, reason: 'nonce' });
    const other = await createDeviceClient();
    expect(await check(await other.proof({ method: 'GET', path: '/api/v1/moi', nonce, at }))).toEqual({
      ok: false,
      reason: 'signature',
    });
    const [head, body, signature] = good.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ htm: 'GET', htu: '/api/v1/moi', iat: 0, nonce, jti: 'x'.repeat(20) })).toString('base64url')}.${signature}`;
    expect(await check(forged)).toEqual({ ok: false, reason: 'signature' });
    expect(body).toBeDefined();
  });

  it('refuses private keys and other curves as device keys', () => {
    expect(parseDeviceKey({ kty: 'EC', crv: 'P-384', x: 'a'.repeat(43), y: 'b'.repeat(43) })).toBeNull();
    expect(
      parseDeviceKey({ kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43), d: 'c'.repeat(43) }),
    ).toBeNull();
    expect(parseDeviceKey('clé')).toBeNull();
  });

  it('keeps a nonce fresh for a minute, for its own session only', () => {
    const at = new Date('2026-11-20T10:00:00Z');
    const nonce = issueNonce(nonceKey, 's', at, systemRandom);
    expect(nonceIsFresh(nonceKey, 's', nonce, new Date(at.getTime() + NONCE_LIFETIME_MS))).toBe(true);
    expect(nonceIsFresh(nonceKey, 's', nonce, new Date(at.getTime() + NONCE_LIFETIME_MS + 1))).toBe(false);
    expect(NONCE_LIFETIME_MS).toBeLessThanOrEqual(60_000);
    expect(nonceIsFresh(nonceKey, 's', nonce, new Date(at.getTime() - 1))).toBe(false);
    expect(nonceIsFresh(nonceKey, 'autre', nonce, at)).toBe(false);
    expect(nonceIsFresh(randomBytes(32), 's', nonce, at)).toBe(false);
    const bytes = Buffer.from(nonce, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(7) ^ 1, 7); // another issue time, same MAC
    expect(nonceIsFresh(nonceKey, 's', bytes.toString('base64url'), at)).toBe(false);
  });
});

describe.each(engines)('session store on pglite, on %s', (engine) => {
  let db: Db;
  const accountId = randomUUID();
  beforeAll(async () => {
    db = await openTestDb(engine);
    await db.query(
      `INSERT INTO accounts (id, role, organisation_id, status, email_enc, email_bidx)
       VALUES ($1, 'candidate', NULL, 'active', '\\x00', $2)`,
      [accountId, randomBytes(32)],
    );
  });
  afterAll(async () => {
    await db.close();
  });

  async function newSession(clock: ReturnType<typeof fixedClock>) {
    const device = await createDeviceClient();
    return createSession(db, {
      accountId,
      role: 'candidate',
      deviceKey: parseDeviceKey(device.publicJwk)!,
      addrTag: tag('192.0.2.10'),
      userAgent: chrome,
      mfaAt: null,
      now: clock.now(),
      random: systemRandom,
    });
  }

  it('finds a session only with the right secret, and binds it to address and browser for 5 minutes', async () => {
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const { cookie } = await newSession(clock);
    const session = await findSession(db, cookie, clock.now());
    expect(session?.accountId).toBe(accountId);
    const [id] = cookie.split('.');
    expect(await findSession(db, `${id}.${'A'.repeat(43)}`, clock.now())).toBeNull();
    expect(isBound(session!, tag('192.0.2.10'), chrome, clock.now())).toBe(true);
    expect(isBound(session!, tag('203.0.113.7'), chrome, clock.now())).toBe(false);
    expect(isBound(session!, tag('192.0.2.10'), 'curl/8.0', clock.now())).toBe(false);
    expect(isBound(session!, addressTag(randomBytes(32), '192.0.2.10'), chrome, clock.now())).toBe(false);
    clock.advance(5 * 60_000 + 1);
    expect(isBound(session!, tag('192.0.2.10'), chrome, clock.now())).toBe(false);
  });

  it('expires after an hour idle for a citizen, and never outlives 24 hours', async () => {
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const { cookie } = await newSession(clock);
    clock.advance(60 * 60_000 + 1);
    expect(await findSession(db, cookie, clock.now())).toBeNull();
  });

  it('ends every session of an account at once, and a suspended account has none', async () => {
    const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
    const first = await newSession(clock);
    const second = await newSession(clock);
    await db.query("UPDATE accounts SET status = 'suspended' WHERE id = $1", [accountId]);
    expect(await findSession(db, first.cookie, clock.now())).toBeNull();
    await db.query("UPDATE accounts SET status = 'active' WHERE id = $1", [accountId]);
    expect(await endAccountSessions(db, accountId, 'suspension', clock.now())).toBeGreaterThanOrEqual(2);
    expect(await findSession(db, second.cookie, clock.now())).toBeNull();
  });

  it('spends a nonce once', async () => {
    const at = new Date('2026-11-20T10:00:00Z');
    const nonce = issueNonce(nonceKey, 's1', at, systemRandom);
    expect(await spendNonce(db, nonce, 's1', at)).toBe(true);
    expect(await spendNonce(db, nonce, 's1', new Date(at.getTime() + 1_000))).toBe(false);
    // Another nonce issued in the same millisecond differs, and is spent on its own.
    expect(await spendNonce(db, issueNonce(nonceKey, 's1', at, systemRandom), 's1', at)).toBe(true);
  });
});
