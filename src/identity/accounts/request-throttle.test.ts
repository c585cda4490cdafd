import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../kernel/clock.js';
import { createRequestThrottle, purgeRequestCounts, THROTTLE_LIMITS } from './request-throttle.js';

describe.each(engines)('the forms’ request throttle on %s', (engine) => {
  let db: Db;
  const secret = randomBytes(32);
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(() => db.close());

  const allowed = async (results: Promise<boolean>[]) => (await Promise.all(results)).filter(Boolean).length;

  it('is shared by every process with the same key, even when they count at the same moment', async () => {
    const clock = fixedClock(new Date('2026-11-26T10:00:00Z'));
    const [one, two] = [createRequestThrottle({ secret, clock }), createRequestThrottle({ secret, clock })];
    const { max } = THROTTLE_LIMITS['reset.target'];
    const tries = Array.from({ length: 4 * max }, (_, i) =>
      (i % 2 ? one : two).allow(db, 'reset.target', 'Ines.Marchand@Exemple.fr '),
    );
    expect(await allowed(tries)).toBe(max);
    // The same address however it is typed; another address, or another scope, counts apart.
    expect(await one.allow(db, 'reset.target', 'ines.marchand@exemple.fr')).toBe(false);
    expect(await one.allow(db, 'reset.target', 'autre@exemple.fr')).toBe(true);
    // Another key (another deployment) counts in buckets of its own.
    expect(
      await createRequestThrottle({ secret: randomBytes(32), clock }).allow(
        db,
        'reset.target',
        'ines.marchand@exemple.fr',
      ),
    ).toBe(true);
  });

  it('counts an IPv6 /64 as one client, and starts again with the next window', async () => {
    const clock = fixedClock(new Date('2026-11-26T11:00:00Z'));
    const throttle = createRequestThrottle({ secret, clock });
    const { max, windowMs } = THROTTLE_LIMITS['reset.client'];
    const tries = Array.from({ length: max + 1 }, (_, i) =>
      throttle.allow(db, 'reset.client', `2001:db8:1:2::${i + 1}`),
    );
    expect(await allowed(tries)).toBe(max);
    expect(await throttle.allow(db, 'reset.client', '2001:db8:1:3::1')).toBe(true);
    clock.advance(windowMs);
    expect(await throttle.allow(db, 'reset.client', '2001:db8:1:2::99')).toBe(true);
  });

  it('stores keyed hashes only, and forgets windows that are over', async () => {
    const { rows } = await db.query<{ bucket: Uint8Array }>('SELECT bucket FROM request_counts');
    expect(rows.every((row) => row.bucket.length === 16)).toBe(true);
    const text = Buffer.concat(rows.map((row) => Buffer.from(row.bucket))).toString('latin1');
    for (const needle of ['exemple.fr', '2001:db8', 'marchand']) expect(text.toLowerCase()).not.toContain(needle);
    expect(await purgeRequestCounts(db, new Date('2026-11-26T13:00:00Z'))).toBe(rows.length);
  });
});
