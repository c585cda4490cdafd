import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault, system, twoOrganisations } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import type { AccessLog } from '../audit/types.js';
import type { Vault } from './index.js';

type World = Awaited<ReturnType<typeof twoOrganisations>>;

async function entriesFor(db: Db, actorId: string) {
  const { rows } = await db.query<{ people: string[]; fields: string[]; purpose: string }>(
    'SELECT people, fields, purpose FROM access_log WHERE actor_id = $1 ORDER BY seq',
    [actorId],
  );
  return rows;
}

function accountId(actor: World['actors'][keyof World['actors']]): string {
  if (actor.kind !== 'account') throw new Error('not an account');
  return actor.accountId;
}

describe.each(engines)('vault on %s', (engine) => {
  let db: Db;
  let vault: Vault;
  let world: World;

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ vault } = await makeVault(db));
    world = await twoOrganisations(db, vault);
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives a training organisation its own trainee, decrypted, and logs exactly that read', async () => {
    const { actors, traineeA } = world;
    const [view] = await vault.read(actors.ofUserA, [traineeA.id], ['lastName', 'email'], 'training.follow_up');
    expect(view).toEqual({ id: traineeA.id, lastName: 'Dupré', email: traineeA.email });
    const entries = await entriesFor(db, accountId(actors.ofUserA));
    expect(entries.at(-1)).toEqual({
      people: [traineeA.id],
      fields: ['lastName', 'email'],
      purpose: 'training.follow_up',
    });
  });

  it('gives another organisation’s actor nothing, and logs nothing', async () => {
    const { actors, traineeA, traineeB } = world;
    expect(await vault.read(actors.ofManagerB, [traineeA.id], ['lastName'], 'training.follow_up')).toEqual([]);
    expect(await entriesFor(db, accountId(actors.ofManagerB))).toEqual([]);
    const mixed = await vault.read(actors.ofManagerB, [traineeA.id, traineeB.id], ['firstName'], 'training.follow_up');
    expect(mixed).toEqual([{ id: traineeB.id, firstName: 'Thảo' }]);
    expect((await entriesFor(db, accountId(actors.ofManagerB))).at(-1)?.people).toEqual([traineeB.id]);
  });

  it('limits an advisor to their own portfolio', async () => {
    const { actors, traineeA, traineeB } = world;
    const read = await vault.read(
      actors.advisorA,
      [traineeA.id, traineeB.id],
      ['franceTravailId'],
      'advising.portfolio',
    );
    expect(read.map((v) => v.id)).toEqual([traineeA.id]);
    expect(await vault.read(actors.advisorB, [traineeA.id], ['lastName'], 'advising.portfolio')).toEqual([]);
  });

  it('limits a recruiter to the applicants of its own employer’s offers', async () => {
    const { actors, applicantA, applicantB, poolOnly } = world;
    const ids = [applicantA.id, applicantB.id, poolOnly.id];
    const read = await vault.read(actors.recruiterA, ids, ['lastName', 'languages'], 'recruiting.application');
    expect(read).toEqual([{ id: applicantA.id, lastName: 'Garçon', languages: [{ code: 'en', level: 'B2' }] }]);
    expect(await vault.read(actors.managerB, [applicantA.id], ['lastName'], 'recruiting.application')).toEqual([]);
  });

  it('lets a recruiter manager read opted-in pool profiles only, without contact details', async () => {
    const { actors, poolOnly, notInPool, applicantA } = world;
    const read = await vault.read(
      actors.managerB,
      [poolOnly.id, notInPool.id, applicantA.id],
      ['firstName', 'zones'],
      'recruiting.pool',
    );
    expect(read).toEqual([
      { id: poolOnly.id, firstName: 'Maël', zones: { regions: ['Bretagne'], departements: ['35'] } },
    ]);
    await expect(vault.read(actors.managerB, [poolOnly.id], ['email'], 'recruiting.pool')).rejects.toMatchObject({
      code: 'FIELD_NOT_ALLOWED',
    });
    await expect(vault.read(actors.recruiterA, [poolOnly.id], ['firstName'], 'recruiting.pool')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets a citizen read only their own record', async () => {
    const { actors, applicantA, applicantB } = world;
    const read = await vault.read(
      actors.candidateA,
      [applicantA.id, applicantB.id],
      ['lastName', 'birthDate'],
      'self.view',
    );
    expect(read).toEqual([{ id: applicantA.id, lastName: 'Garçon', birthDate: '1990-04-12' }]);
  });

  it('denies by default: unknown purposes, roles without a purpose, and the platform itself', async () => {
    const { actors, traineeA } = world;
    for (const actor of [actors.securityOfficer, actors.admin]) {
      for (const purpose of ['training.follow_up', 'advising.portfolio', 'self.view', 'recruiting.pool']) {
        await expect(vault.read(actor, [traineeA.id], ['lastName'], purpose)).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
      }
    }
    await expect(vault.read(actors.ofUserA, [traineeA.id], ['lastName'], 'export.all')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(vault.read(system, [traineeA.id], ['lastName'], 'training.follow_up')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      vault.read(actors.ofUserA, [traineeA.id], ['password_hash'], 'training.follow_up'),
    ).rejects.toMatchObject({
      code: 'FIELD_NOT_ALLOWED',
    });
  });

  it('ignores ids that are not uuids and people who do not exist', async () => {
    const { actors } = world;
    const read = await vault.read(
      actors.ofUserA,
      ["' OR 1=1 --", '00000000-0000-0000-0000-000000000000'],
      ['lastName'],
      'training.follow_up',
    );
    expect(read).toEqual([]);
  });

  it('fails a tampered or moved ciphertext instead of returning it', async () => {
    const { actors, traineeA, traineeB } = world;
    const before = await db.query<{ id: string; last_name_enc: Uint8Array }>(
      'SELECT id, last_name_enc FROM people WHERE id = ANY($1::uuid[])',
      [[traineeA.id, traineeB.id]],
    );
    const envelopeOf = (id: string) => Buffer.from(before.rows.find((row) => row.id === id)!.last_name_enc);
    const flipped = envelopeOf(traineeA.id);
    flipped[flipped.length - 20] = flipped[flipped.length - 20]! ^ 1;
    await db.query('UPDATE people SET last_name_enc = $1 WHERE id = $2', [flipped, traineeA.id]);
    await expect(vault.read(actors.ofUserA, [traineeA.id], ['lastName'], 'training.follow_up')).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
    await db.query('UPDATE people SET last_name_enc = $1 WHERE id = $2', [envelopeOf(traineeB.id), traineeA.id]);
    await expect(vault.read(actors.ofUserA, [traineeA.id], ['lastName'], 'training.follow_up')).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
    await db.query('UPDATE people SET last_name_enc = $1 WHERE id = $2', [envelopeOf(traineeA.id), traineeA.id]);
    expect(await vault.read(actors.ofUserA, [traineeA.id], ['lastName'], 'training.follow_up')).toHaveLength(1);
  });
});

describe('vault failures on pglite', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(async () => {
    await db.close();
  });

  it('fails the read, and charges nothing, when the access log cannot append', async () => {
    let broken = false;
    const working = (await makeVault(db)).accessLog;
    const flaky: AccessLog = {
      append: (tx, entry) => (broken ? Promise.reject(new Error('disk full')) : working.append(tx, entry)),
    };
    const { vault } = await makeVault(db, { accessLog: flaky });
    const world = await twoOrganisations(db, vault);
    broken = true;
    await expect(
      vault.read(world.actors.ofUserA, [world.traineeA.id], ['lastName'], 'training.follow_up'),
    ).rejects.toMatchObject({ code: 'AUDIT_FAILED' });
    const charged = await db.query('SELECT 1 FROM guard_daily_reads WHERE account_id = $1', [
      accountId(world.actors.ofUserA),
    ]);
    expect(charged.rows).toHaveLength(0);
  });

  it('stops an account at its daily ceiling of distinct people, and re-reads cost nothing', async () => {
    const { vault } = await makeVault(db);
    const world = await twoOrganisations(db, vault);
    const advisor = world.actors.advisorA;
    await db.query('UPDATE accounts SET read_ceiling_per_day = 1 WHERE id = $1', [accountId(advisor)]);
    const extra = world.traineeB.id;
    await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [accountId(advisor), extra]);
    expect(await vault.read(advisor, [world.traineeA.id], ['lastName'], 'advising.portfolio')).toHaveLength(1);
    expect(await vault.read(advisor, [world.traineeA.id], ['email'], 'advising.portfolio')).toHaveLength(1);
    await expect(vault.read(advisor, [extra], ['lastName'], 'advising.portfolio')).rejects.toMatchObject({
      code: 'READ_BUDGET_EXCEEDED',
    });
    expect((await entriesFor(db, accountId(advisor))).flatMap((entry) => entry.people)).not.toContain(extra);
  });

  it('refuses bulk writes from accounts', async () => {
    const { vault } = await makeVault(db);
    const world = await twoOrganisations(db, vault);
    await expect(vault.createPeople(world.actors.admin, [], 'test')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
