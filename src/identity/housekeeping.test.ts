import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { addAccount } from '../../test/support/identity.js';
import { makeVault } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { systemRandom } from '../kernel/random.js';
import { purgeIdentityState } from './housekeeping.js';
import { startFlow } from './login/flows.js';

describe.each(engines)('identity housekeeping, on %s', (engine) => {
  let db: Db;
  const now = new Date('2026-11-22T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('deletes expired flows, spent nonces, old failures and counts, spent links, and keeps the live ones', async () => {
    const { vault } = await makeVault(db);
    const { id } = await addAccount(vault, { role: 'candidate' });
    await startFlow(db, { accountId: id, kind: 'mfa', now: ago(11 * 60_000), random: systemRandom });
    await startFlow(db, { accountId: id, kind: 'mfa', now: ago(60_000), random: systemRandom });
    for (const [nonce, at] of [
      ['vieux', ago(2 * 60_000)],
      ['frais', ago(30_000)],
    ] as const) {
      await db.query('INSERT INTO spent_nonces (nonce, session_id, spent_at) VALUES ($1, $2, $3)', [nonce, 's', at]);
    }
    for (const at of [ago(16 * 60_000), ago(60_000)]) {
      await db.query('INSERT INTO login_failures (addr_tag, at) VALUES ($1, $2)', [Buffer.alloc(32, 9), at]);
    }
    for (const [expires, used] of [
      [ago(2 * 24 * 3600_000), null],
      [new Date(now.getTime() + 3600_000), ago(25 * 3600_000)],
      [new Date(now.getTime() + 3600_000), null],
    ] as const) {
      await db.query(
        "INSERT INTO account_tokens (token_hash, account_id, purpose, expires_at, used_at) VALUES ($1, $2, 'verify_email', $3, $4)",
        [Buffer.from(randomUUID()), id, expires, used],
      );
    }
    for (const start of [ago(61 * 60_000), ago(10 * 60_000)]) {
      await db.query('INSERT INTO request_counts (bucket, window_start, hits) VALUES ($1, $2, 1)', [
        Buffer.alloc(16, 1),
        start,
      ]);
    }

    expect(await purgeIdentityState(db, now)).toEqual({ flows: 1, failures: 1, counts: 1, tokens: 2 });
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
    expect(await count('SELECT count(*)::int AS n FROM login_flows')).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM spent_nonces WHERE nonce = 'frais'")).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM spent_nonces')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM login_failures')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM account_tokens')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM request_counts')).toBe(1);
  });
});
