import { followTrainees, traineeContact } from '../training/training.purposes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import type { Actor, Vault } from '../vault/index.js';
import { peopleGenerator } from './people.js';
import { seedDatabase, type SeedResult } from './seed.js';

const today = '2026-11-20';

async function count(db: Db, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

describe.each(engines)('seeding through the vault on %s', (engine) => {
  let db: Db;
  let vault: Vault;
  let result: SeedResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ vault } = await makeVault(db));
    result = await seedDatabase({
      db,
      vault,
      people: 300,
      seed: 11,
      today,
      batchSize: 120,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes every row it counts, in batches, reporting progress', async () => {
    const { counts } = result;
    expect(await count(db, 'people')).toBe(300);
    expect(await count(db, 'candidate_profiles')).toBe(counts.profiles);
    expect(await count(db, 'organisations')).toBe(counts.organisations);
    expect(await count(db, 'accounts')).toBe(counts.staffAccounts);
    expect(await count(db, 'training_sessions')).toBe(counts.sessions);
    expect(await count(db, 'offers')).toBe(counts.offers);
    expect(await count(db, 'referrals')).toBe(counts.referrals);
    expect(await count(db, 'referral_events')).toBe(counts.referralEvents);
    expect(await count(db, 'applications')).toBe(counts.applications);
    expect(await count(db, 'portfolios')).toBe(counts.portfolios);
    expect(counts.referralEvents).toBeGreaterThan(0);
    expect(progress.at(0)).toEqual([0, 300]);
    expect(progress.at(-1)).toEqual([300, 300]);
    expect(progress).toHaveLength(4);
  });

  it('keeps the seeded ids: the same seed gives the same people', async () => {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM people');
    const generate = peopleGenerator(result.plan.context);
    const expected = Array.from({ length: 300 }, (_, i) => generate(i).person.id);
    expect(rows.map((row) => row.id).sort()).toEqual(expected.sort());
  });

  it('logs every personal-data write in the access log, under the seed purpose', async () => {
    const { rows } = await db.query<{ action: string; n: number }>(
      "SELECT purpose, action, count(*)::int AS n FROM access_log WHERE purpose LIKE 'seed.%' GROUP BY purpose, action ORDER BY purpose",
    );
    // One entry for the staff accounts, then per batch (three): people, profiles, events, applications.
    expect(rows).toEqual([
      { purpose: 'seed.accounts', action: 'create', n: 1 },
      { purpose: 'seed.applications', action: 'create', n: 3 },
      { purpose: 'seed.people', action: 'create', n: 3 },
      { purpose: 'seed.profiles', action: 'create', n: 3 },
      { purpose: 'seed.referral_events', action: 'create', n: 3 },
    ]);
  });

  it('reads back, through the vault, what the generator made, for the OF that follows the trainee', async () => {
    const generate = peopleGenerator(result.plan.context);
    const trainee = generate(result.plan.context.showcase.jobSeeker);
    const session = result.plan.sessions.find((s) => s.id === trainee.referrals[0]!.sessionId)!;
    const ofUser = result.plan.staff.byOrganisation.get(session.organisationId)!.users[0]!;
    const actor: Actor = {
      kind: 'account',
      accountId: ofUser.id,
      role: 'of_user',
      organisationId: session.organisationId,
      personId: null,
      sessionId: 'test',
      clientAddr: '127.0.0.1',
    };
    const [names] = await vault.read(actor, followTrainees, [trainee.person.id]);
    const [contact] = await vault.read(actor, traineeContact, [trainee.person.id]);
    const view = { ...names, ...contact };
    const { lastName, firstName, email, phone, franceTravailId, address } = trainee.person;
    expect(view).toEqual({ id: trainee.person.id, lastName, firstName, email, phone, franceTravailId, address });
  });

  it('records canaries apart, as keyed marks only', async () => {
    expect(result.canaryIds).toHaveLength(3);
    for (const id of result.canaryIds) expect(await vault.isCanary(id)).toBe(true);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM people WHERE NOT (id = ANY($1::uuid[])) LIMIT 20', [
      result.canaryIds,
    ]);
    for (const row of rows) expect(await vault.isCanary(row.id)).toBe(false);
    const marks = await db.query<{ mark: Uint8Array }>('SELECT mark FROM canary_marks');
    expect(marks.rows).toHaveLength(3);
    const hexIds = result.canaryIds.map((id) => id.replace(/-/g, ''));
    for (const { mark } of marks.rows) expect(hexIds).not.toContain(Buffer.from(mark).toString('hex').slice(0, 32));
  });

  it('makes canaries look like everyone else in the people table', async () => {
    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM people');
    const isCanary = (row: Record<string, unknown>) => result.canaryIds.includes(row.id as string);
    const shape = (row: Record<string, unknown>) =>
      Object.entries(row)
        .filter(([column]) => column !== 'created_at' && column !== 'updated_at' && column !== 'id')
        .map(([column, value]) => `${column}:${value === null ? 'null' : typeof value === 'string' ? value : 'bytes'}`)
        .sort()
        .join();
    const ordinaryShapes = new Set(rows.filter((row) => !isCanary(row)).map(shape));
    const lengths = (column: string) =>
      rows.filter((row) => !isCanary(row) && row[column]).map((row) => (row[column] as Uint8Array).length);
    for (const canary of rows.filter(isCanary)) {
      expect(ordinaryShapes.has(shape(canary))).toBe(true);
      for (const column of ['last_name_enc', 'email_enc', 'phone_enc', 'address_enc']) {
        const value = canary[column] as Uint8Array | null;
        if (!value) continue;
        expect(value.length).toBeGreaterThanOrEqual(Math.min(...lengths(column)));
        expect(value.length).toBeLessThanOrEqual(Math.max(...lengths(column)));
      }
    }
  });
});
