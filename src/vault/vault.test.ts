import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, ownerOf } from '../../test/support/databases.js';
import { makeVault, person, system, twoOrganisations, type TestKit } from '../../test/support/fixtures.js';
import { testConfig } from '../../test/support/fixtures.js';
import { searchPortfolio, followPortfolio } from '../advising/advising.purposes.js';
import { viewSelf } from '../candidates/candidates.purposes.js';
import type { Db } from '../db/client.js';
import { allPurposes } from '../purposes.js';
import { openPoolProfile, reviewApplicants, searchPool } from '../recruiting/recruiting.purposes.js';
import { seedPeople } from '../seed/seed.purposes.js';
import { followTrainees } from '../training/training.purposes.js';
import { configureGuard } from '../guard/index.js';
import { createVault, readPurpose, searchPurpose, type Vault } from './index.js';

type World = Awaited<ReturnType<typeof twoOrganisations>>;

/** The advisor's search by France Travail id, with a page of two: a small cap to go over. */
const searchTwoAtATime = searchPurpose({
  name: 'test.portfolio_page_of_two',
  record: 'person',
  roles: ['advisor'],
  subject: 'account',
  fields: ['lastName'],
  by: ['franceTravailId'],
  scope: 'SELECT person_id AS id FROM portfolios WHERE advisor_id = :subject AND person_id = ANY(:ids)',
  pageCap: 2,
});

interface EntryRow {
  people: string[];
  probed: string[];
  fields: string[];
  purpose: string;
  action: string;
  outcome: string;
  breadth: number | null;
}

async function entriesFor(db: Db, actorId: string): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    'SELECT people, probed, fields, purpose, action, outcome, breadth FROM access_log WHERE actor_id = $1 ORDER BY seq',
    [actorId],
  );
  return rows;
}

function accountId(actor: World['actors'][keyof World['actors']]): string {
  if (actor.kind !== 'account') throw new Error('not an account');
  return actor.accountId;
}

describe.each(engines)('the one door on %s', (engine) => {
  let db: Db;
  let kit: TestKit;
  let vault: Vault;
  let world: World;

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    vault = kit.vault;
    world = await twoOrganisations(db, vault);
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives a training organisation its own trainee, decrypted, and logs exactly that read', async () => {
    const { actors, traineeA } = world;
    const [view] = await vault.read(actors.ofUserA, followTrainees, [traineeA.id], { fields: ['lastName'] });
    expect(view).toEqual({ id: traineeA.id, lastName: 'Dupré' });
    expect((await entriesFor(db, accountId(actors.ofUserA))).at(-1)).toEqual({
      people: [traineeA.id],
      probed: [],
      fields: ['lastName'],
      purpose: 'training.follow_up',
      action: 'read',
      outcome: 'allow',
      breadth: null,
    });
  });

  it('gives another organisation nothing, the same as an id that does not exist, and logs the probe', async () => {
    const { actors, traineeA, traineeB } = world;
    const unknown = randomUUID();
    expect(await vault.read(actors.ofManagerB, followTrainees, [traineeA.id])).toEqual([]);
    expect(await vault.read(actors.ofManagerB, followTrainees, [unknown])).toEqual([]);
    const mixed = await vault.read(actors.ofManagerB, followTrainees, [traineeA.id, traineeB.id], {
      fields: ['firstName'],
    });
    expect(mixed).toEqual([{ id: traineeB.id, firstName: 'Thảo' }]);
    const entries = await entriesFor(db, accountId(actors.ofManagerB));
    expect(entries.map((entry) => [entry.people, entry.probed])).toEqual([
      [[], [traineeA.id]],
      [[], [unknown]],
      [[traineeB.id], [traineeA.id]],
    ]);
  });

  it('limits an advisor to their own portfolio, in reads and in searches', async () => {
    const { actors, traineeA, traineeB } = world;
    const read = await vault.read(actors.advisorA, followPortfolio, [traineeA.id, traineeB.id]);
    expect(read.map((view) => view.id)).toEqual([traineeA.id]);
    expect(await vault.read(actors.advisorB, followPortfolio, [traineeA.id])).toEqual([]);
    const found = await vault.search(actors.advisorA, searchPortfolio, {
      name: { lastName: 'DUPRE', firstName: 'helene' },
    });
    expect(found.records).toEqual([
      {
        id: traineeA.id,
        lastName: 'Dupré',
        firstName: 'Hélène',
        franceTravailId: '1234567A',
        registrationStatus: 'inscrit',
      },
    ]);
    // The search is logged with the person it returned, the fields read (to check the match) and its breadth.
    expect((await entriesFor(db, accountId(actors.advisorA))).at(-1)).toEqual({
      people: [traineeA.id],
      probed: [],
      fields: ['lastName', 'firstName', 'franceTravailId', 'registrationStatus'],
      purpose: 'advising.search',
      action: 'search',
      outcome: 'allow',
      breadth: 1,
    });
    // Both trainees share the France Travail id of the fixture: each advisor finds only their own.
    const byId = await vault.search(actors.advisorB, searchPortfolio, { franceTravailId: '1234567a' });
    expect(byId.records.map((view) => view.id)).toEqual([traineeB.id]);
    expect(
      (await vault.search(actors.advisorB, searchPortfolio, { name: { lastName: 'Dupré', firstName: 'Hélène' } }))
        .records,
    ).toEqual([]);
    const last = (await entriesFor(db, accountId(actors.advisorB))).at(-1)!;
    expect(last).toMatchObject({ action: 'search', purpose: 'advising.search', people: [], breadth: 0 });
  });

  it('cuts a search broader than its page cap to the cap, says so, and logs only the people returned', async () => {
    const { actors } = world;
    const paged = createVault({
      db,
      keyring: kit.keyring,
      clock: kit.clock,
      purposes: [...allPurposes, [searchTwoAtATime]],
      addressKey: kit.platform.keys.addressKey,
    });
    // The guard denies a purpose it was not told of: this test's own is declared to it too.
    await configureGuard(db, testConfig(), paged.purposes.all());
    // Five job seekers in advisor A's portfolio share an id with two in B's, out of A's scope.
    const shared = Array.from({ length: 7 }, () => person({ franceTravailId: '7654321B' }));
    await vault.write(system, seedPeople, shared);
    for (const [index, seeker] of shared.entries()) {
      const advisor = index < 5 ? actors.advisorA : actors.advisorB;
      await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [accountId(advisor), seeker.id]);
    }
    const mine = shared.slice(0, 5).map((seeker) => seeker.id);

    const found = await paged.search(actors.advisorA, searchTwoAtATime, { franceTravailId: '7654321B' });
    expect(found.capped).toBe(true);
    expect(found.breadth).toBe(5);
    expect(found.records).toHaveLength(searchTwoAtATime.pageCap);
    const returned = found.records.map((record) => record.id).sort();
    for (const id of returned) expect(mine).toContain(id);
    expect((await entriesFor(db, accountId(actors.advisorA))).at(-1)).toMatchObject({
      action: 'search',
      purpose: 'test.portfolio_page_of_two',
      people: returned,
      breadth: 5,
    });

    // The control: exactly at the cap, the same search is whole and not marked as cut.
    const atCap = await paged.search(actors.advisorB, searchTwoAtATime, { franceTravailId: '7654321B' });
    expect(atCap).toMatchObject({ breadth: 2, capped: false });
    expect(atCap.records.map((record) => record.id).sort()).toEqual([shared[5]!.id, shared[6]!.id].sort());
  });

  it('refuses a search by a criterion its purpose does not allow, or with none at all', async () => {
    const { actors } = world;
    await expect(vault.search(actors.advisorA, searchPortfolio, { email: 'x@exemple.fr' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(vault.search(actors.advisorA, searchPortfolio, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(vault.search(actors.managerA, searchPool, { facets: [] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('limits a recruiter to the applicants of its own employer’s offers', async () => {
    const { actors, applicantA, applicantB, poolOnly } = world;
    const ids = [applicantA.id, applicantB.id, poolOnly.id];
    const read = await vault.read(actors.recruiterA, reviewApplicants, ids, { fields: ['lastName', 'languages'] });
    expect(read).toEqual([{ id: applicantA.id, lastName: 'Garçon', languages: [{ code: 'en', level: 'B2' }] }]);
    expect(await vault.read(actors.managerB, reviewApplicants, [applicantA.id])).toEqual([]);
  });

  it('gives recruiter managers pseudonymous pool results and opted-in profiles only', async () => {
    const { actors, poolOnly, notInPool, applicantA } = world;
    const found = await vault.search(actors.managerB, searchPool, { facets: [['region:Bretagne'], ['langue:en:B1']] });
    expect(found).toEqual({
      records: [
        {
          id: poolOnly.id,
          postsSought: ['Attaché d’administration'],
          zones: { regions: ['Bretagne'], departements: ['35'] },
          languages: [{ code: 'en', level: 'B2' }],
        },
      ],
      breadth: 1,
      capped: false,
      pages: 1,
    });
    expect((await vault.search(actors.managerB, searchPool, { facets: [['langue:en:C1']] })).records).toEqual([]);
    const read = await vault.read(actors.managerB, openPoolProfile, [poolOnly.id], { fields: ['firstName'] });
    expect(read).toEqual([{ id: poolOnly.id, firstName: 'Maël' }]);
    for (const id of [notInPool.id, applicantA.id]) {
      expect(await vault.read(actors.managerB, openPoolProfile, [id])).toEqual([]);
    }
    await expect(
      vault.read(actors.managerB, openPoolProfile, [poolOnly.id], { fields: ['email' as 'firstName'] }),
    ).rejects.toMatchObject({ code: 'FIELD_NOT_ALLOWED' });
    await expect(vault.search(actors.recruiterA, searchPool, { facets: [['region:Bretagne']] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets a citizen read only their own record', async () => {
    const { actors, applicantA, applicantB } = world;
    expect(
      await vault.read(actors.candidateA, viewSelf, [applicantA.id], { fields: ['lastName', 'birthDate'] }),
    ).toEqual([{ id: applicantA.id, lastName: 'Garçon', birthDate: '1990-04-12' }]);
    expect(await vault.read(actors.candidateA, viewSelf, [applicantB.id])).toEqual([]);
  });

  it('lets every read purpose’s guard see an id asked outside its scope, and logs it as probed', async () => {
    const { actors } = world;
    const byRole = new Map(Object.values(actors).map((actor) => [actor.kind === 'account' ? actor.role : '', actor]));
    const reads = vault.purposes.all().filter((purpose) => purpose.kind === 'read');
    expect(reads.length).toBeGreaterThan(5);
    for (const purpose of reads) {
      const actor = purpose.roles === 'platform' ? system : purpose.roles.map((role) => byRole.get(role)).find(Boolean);
      if (!actor) continue;
      const stranger = randomUUID();
      expect(await vault.read(actor, purpose as typeof followTrainees, [stranger]), purpose.name).toEqual([]);
      const { rows } = await db.query<{ probed: string[]; purpose: string }>(
        'SELECT probed, purpose FROM access_log WHERE $1 = ANY(probed)',
        [stranger],
      );
      expect(rows, purpose.name).toEqual([{ probed: [stranger], purpose: purpose.name }]);
    }
  });

  it('refuses more ids than a page in one read', async () => {
    const ids = Array.from({ length: followTrainees.pageCap + 1 }, () => randomUUID());
    await expect(vault.read(world.actors.ofUserA, followTrainees, ids)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('denies by default: roles without the purpose, purposes never registered, and the platform itself', async () => {
    const { actors, traineeA } = world;
    for (const actor of [actors.securityOfficer, actors.admin]) {
      for (const purpose of [followTrainees, followPortfolio, viewSelf, openPoolProfile]) {
        await expect(vault.read(actor, purpose, [traineeA.id])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    const unregistered = readPurpose({
      name: 'export.all',
      record: 'person',
      roles: ['of_user'],
      subject: 'none',
      fields: ['lastName'],
      scope: 'SELECT id FROM people WHERE id = ANY(:ids)',
      pageCap: 200,
    });
    await expect(vault.read(actors.ofUserA, unregistered, [traineeA.id])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(vault.read(system, followTrainees, [traineeA.id])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('writes as the account that asks, within scope, all rows or none', async () => {
    const { actors } = world;
    const stranger = person();
    await expect(vault.write(actors.admin, seedPeople, [stranger])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { rows } = await db.query('SELECT 1 FROM people WHERE id = $1', [stranger.id]);
    expect(rows).toHaveLength(0);
  });

  it('ignores ids that are not uuids and people who do not exist', async () => {
    const read = await vault.read(world.actors.ofUserA, followTrainees, [
      "' OR 1=1 --",
      '00000000-0000-0000-0000-000000000000',
    ]);
    expect(read).toEqual([]);
  });

  it('fails a tampered or moved ciphertext instead of returning it', async () => {
    const { actors, traineeA, traineeB } = world;
    const owner = await ownerOf(db);
    try {
      const before = await owner.query<{ id: string; envelope: Uint8Array }>(
        'SELECT id, last_name_enc AS envelope FROM people WHERE id = ANY($1::uuid[])',
        [[traineeA.id, traineeB.id]],
      );
      const envelopeOf = (id: string) => Buffer.from(before.rows.find((row) => row.id === id)!.envelope);
      const flipped = envelopeOf(traineeA.id);
      flipped[flipped.length - 20] = flipped[flipped.length - 20]! ^ 1;
      const put = (envelope: Buffer) =>
        owner.query('UPDATE people SET last_name_enc = $1 WHERE id = $2', [envelope, traineeA.id]);
      await put(flipped);
      await expect(vault.read(actors.ofUserA, followTrainees, [traineeA.id])).rejects.toMatchObject({
        code: 'DECRYPTION_FAILED',
      });
      await put(envelopeOf(traineeB.id));
      await expect(vault.read(actors.ofUserA, followTrainees, [traineeA.id])).rejects.toMatchObject({
        code: 'DECRYPTION_FAILED',
      });
      await put(envelopeOf(traineeA.id));
      expect(await vault.read(actors.ofUserA, followTrainees, [traineeA.id])).toHaveLength(1);
    } finally {
      await owner.close();
    }
  });
});

describe.each(engines)('the door fails closed on %s', (engine) => {
  let db: Db;
  let vault: Vault;
  let world: World;
  let owner: Db;

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ vault } = await makeVault(db));
    world = await twoOrganisations(db, vault);
    owner = await ownerOf(db);
  });
  afterAll(async () => {
    await owner.close();
    await db.close();
  });

  const charged = async (actorId: string) =>
    (await db.query('SELECT 1 FROM guard_reads WHERE account_id = $1', [actorId])).rows.length;

  it('fails the read, decrypts nothing and charges nothing, when the log cannot append', async () => {
    const { actors, traineeA } = world;
    await owner.exec('REVOKE INSERT ON access_log FROM rempart_app');
    try {
      await expect(vault.read(actors.ofUserA, followTrainees, [traineeA.id])).rejects.toMatchObject({
        code: 'AUDIT_FAILED',
      });
    } finally {
      await owner.exec('GRANT INSERT ON access_log TO rempart_app');
    }
    expect(await charged(accountId(actors.ofUserA))).toBe(0);
    expect(await vault.read(actors.ofUserA, followTrainees, [traineeA.id])).toHaveLength(1);
  });

  it('fails the read when the guard is unavailable', async () => {
    const { actors, traineeB } = world;
    // Reads and searches both decide through guard_decide (migration 0022).
    const decide = 'guard_context, uuid, text, uuid[], uuid[], integer, integer, timestamptz';
    await owner.exec(`ALTER FUNCTION guard_decide(${decide}) RENAME TO guard_off`);
    try {
      await expect(vault.read(actors.ofManagerB, followTrainees, [traineeB.id])).rejects.toMatchObject({
        code: 'AUDIT_FAILED',
      });
    } finally {
      await owner.exec(`ALTER FUNCTION guard_off(${decide}) RENAME TO guard_decide`);
    }
    expect((await entriesFor(db, accountId(actors.ofManagerB))).length).toBe(0);
  });

  it('denies when no ceiling is configured for the account (the guard fails closed)', async () => {
    const { actors, applicantA } = world;
    const saved = await owner.query('SELECT * FROM guard_budgets WHERE class = $1', ['list']);
    await owner.query("DELETE FROM guard_budgets WHERE class = 'list'");
    try {
      await expect(vault.read(actors.recruiterA, reviewApplicants, [applicantA.id])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect((await entriesFor(db, accountId(actors.recruiterA))).at(-1)).toMatchObject({
        outcome: 'deny',
        people: [applicantA.id],
      });
    } finally {
      type Row = { role: string; per_window: number; per_day: number; floor_day: number; per_second: number | null };
      for (const row of saved.rows as Row[]) {
        await owner.query(
          `INSERT INTO guard_budgets (role, class, per_window, per_day, floor_day, per_second)
           VALUES ($1, 'list', $2, $3, $4, $5)`,
          [row.role, row.per_window, row.per_day, row.floor_day, row.per_second],
        );
      }
    }
  });

  it('asks for a step-up at an account’s own daily ceiling of distinct people; re-reads cost nothing', async () => {
    const { actors, traineeA, traineeB } = world;
    const advisor = actors.advisorA;
    await db.query('UPDATE accounts SET read_ceiling_per_day = 1 WHERE id = $1', [accountId(advisor)]);
    await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [accountId(advisor), traineeB.id]);
    expect(await vault.read(advisor, followPortfolio, [traineeA.id], { fields: ['lastName'] })).toHaveLength(1);
    expect(await vault.read(advisor, followPortfolio, [traineeA.id], { fields: ['email'] })).toHaveLength(1);
    await expect(vault.read(advisor, followPortfolio, [traineeB.id])).rejects.toMatchObject({
      code: 'STEP_UP_REQUIRED',
    });
    expect(await charged(accountId(advisor))).toBe(1);
  });
});
