import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { makeVault, type TestKit } from '../../../test/support/fixtures.js';
import type { Db } from '../../db/client.js';
import { employerApplications } from '../../recruiting/recruiting.repo.js';
import { listDues } from '../../training/dues.repo.js';
import { countToAnswer, listTrainees } from '../../training/referrals.repo.js';
import { listSessions } from '../../training/training.repo.js';
import { searchPool } from '../../recruiting/recruiting.purposes.js';
import type { Actor } from '../../vault/index.js';
import { peopleGenerator } from '../people.js';
import { seedDatabase, type SeedResult } from '../seed.js';
import { plantCanaries, type PlantReport } from './index.js';

const today = '2026-11-20';
const tables = [
  'people',
  'candidate_profiles',
  'profile_facets',
  'training_sessions',
  'referrals',
  'portfolios',
  'applications',
  'canary_marks',
  'canary_plantings',
  'canary_contacts',
  'access_log',
];

/**
 * Planting on seeded data, on both engines: every space gets its canaries where its ordinary
 * lists do not show them, the enumeration of a whole list does, and planting twice adds nothing.
 * The same through the routes, with the suspension each read brings: canaries.http.test.ts.
 */
describe.each(engines)('canaries planted on seeded data (%s)', (engine) => {
  let db: Db;
  let kit: TestKit;
  let seeded: SeedResult;
  let report: PlantReport;
  /** The canaries planted, by difference with the people the seed made. */
  let canaries: Set<string>;
  /** What each organisation's home counted before the planting. */
  const homeBefore = new Map<string, { toAnswer: number; due: number }>();
  const home = async (organisationId: string) => ({
    toAnswer: await countToAnswer(db, organisationId),
    due: (await listDues(db, organisationId, today, { limit: 1, offset: 0, overdue: false })).total,
  });
  const sizes = async () =>
    Object.fromEntries(
      await Promise.all(
        tables.map(async (table) => {
          const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
          return [table, rows[0]!.n] as const;
        }),
      ),
    );

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    seeded = await seedDatabase({ db, vault: kit.vault, people: 600, seed: 11, today });
    for (const { id } of seeded.plan.organisations.trainingOrganisations) homeBefore.set(id, await home(id));
    report = await plantCanaries(kit.platform);
    const generate = peopleGenerator(seeded.plan.context);
    const made = new Set(Array.from({ length: 600 }, (_, i) => generate(i).person.id));
    const { rows } = await db.query<{ id: string }>('SELECT id FROM people');
    canaries = new Set(rows.map((row) => row.id).filter((id) => !made.has(id)));
  });
  afterAll(() => db.close());

  it('plants one canary per holder that qualifies, each marked, and says which wait', async () => {
    const { trainingOrganisations, employers } = seeded.plan.organisations;
    expect(report.training).toEqual({ planted: trainingOrganisations.length, present: 0, waiting: 0 });
    expect(report.pool).toEqual({ planted: 2, present: 0, waiting: 0 });
    expect(report.advising).toEqual({ planted: 0, present: 0, waiting: 0 });
    expect(report.recruiting.planted).toBeGreaterThan(0);
    expect(report.recruiting.planted + report.recruiting.waiting).toBe(employers.length);
    const planted = Object.values(report).reduce((sum, space) => sum + space.planted, 0);
    expect(canaries.size).toBe(planted);
    for (const id of canaries) expect(await kit.vault.isCanary(id)).toBe(true);
  });

  it('keeps them out of the organisations’ daily lists, and in the list of every trainee', async () => {
    for (const organisation of seeded.plan.organisations.trainingOrganisations) {
      const sessions = await listSessions(db, organisation.id, { limit: 500, offset: 0 });
      // Exactly one session holds a canary: ended over a year ago, nothing left to do in it.
      const holding = [];
      for (const session of sessions.rows) {
        const trainees = await listTrainees(db, organisation.id, { sessionId: session.id, limit: 50, offset: 0 });
        if (trainees.rows.some((row) => canaries.has(row.personId))) holding.push({ session, trainees });
      }
      expect(holding).toHaveLength(1);
      const [{ session: dormant, trainees }] = holding as [(typeof holding)[number]];
      expect(trainees.rows).toHaveLength(1);
      expect(dormant).toMatchObject({ referrals: 1, open: 0, seatsTaken: 0 });
      expect(dormant.endsOn <= '2025-11-20').toBe(true);
      expect(sessions.rows.indexOf(dormant)).toBeGreaterThan(0);
      const dues = await listDues(db, organisation.id, today, { limit: 500, offset: 0, overdue: false });
      expect(dues.rows.some((row) => canaries.has(row.personId))).toBe(false);
      expect(await home(organisation.id)).toEqual(homeBefore.get(organisation.id));
      // The organisation's whole list (the API without a session), page after page, reaches it.
      const everyone = await listTrainees(db, organisation.id, { limit: 5000, offset: 0 });
      expect(everyone.rows.filter((row) => canaries.has(row.personId))).toHaveLength(1);
    }
  });

  it('puts the pool canaries on the first page of a one-language search, with no other facet', async () => {
    const { rows } = await db.query<{ person_id: string; facets: string[] }>(
      `SELECT f.person_id, array_agg(encode(f.facet_bidx, 'hex')) AS facets FROM profile_facets f
       JOIN candidate_profiles p USING (person_id) WHERE p.pool_opt_in AND f.person_id = ANY($1::uuid[])
       GROUP BY f.person_id`,
      [[...canaries]],
    );
    const token = (facet: string) => kit.keyring.index('profileFacet', facet).toString('hex');
    expect(rows.map((row) => row.facets).sort()).toEqual([[token('langue:en:A1')], [token('langue:es:A1')]].sort());
    const manager = (index: number): Actor => {
      const employer = seeded.plan.organisations.employers[index]!;
      const staff = seeded.plan.staff.byOrganisation.get(employer.id)!.manager;
      const session = { personId: null, sessionId: `s-${index}`, clientAddr: '192.0.2.9' };
      return {
        kind: 'account',
        accountId: staff.id,
        role: 'recruiter_manager',
        organisationId: employer.id,
        ...session,
      };
    };
    const broad = { facets: [['langue:en:A1']] };
    // The control: the pages after the first hold ordinary profiles only, and read freely.
    const second = await kit.vault.search(manager(1), searchPool, broad, { page: 2 });
    expect(second.pages).toBeGreaterThan(1);
    expect(second.records.some((record) => canaries.has(record.id))).toBe(false);
    await expect(kit.vault.search(manager(2), searchPool, broad)).rejects.toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
  });

  it('plants no advisor canary: a monthly review goes through every page of a portfolio', async () => {
    const { rows } = await db.query("SELECT 1 FROM canary_plantings WHERE space = 'advising'");
    expect(rows).toHaveLength(0);
  });

  it('puts an employer’s canary past the first page of its applications, with or without the « Non retenue » filter', async () => {
    const { rows } = await db.query<{ employer_id: string }>(
      "SELECT holder AS employer_id FROM canary_plantings WHERE space = 'recruiting'",
    );
    expect(rows).toHaveLength(report.recruiting.planted);
    for (const { employer_id } of rows) {
      for (const status of [undefined, 'rejected' as const]) {
        const first = await employerApplications(db, employer_id, { page: 1, status });
        expect(first.total).toBeGreaterThan(20);
        expect(first.rows.some((row) => canaries.has(row.person_id))).toBe(false);
        const later = [];
        for (let page = 2; page <= Math.ceil(first.total / 20); page++) {
          later.push(...(await employerApplications(db, employer_id, { page, status })).rows);
        }
        expect(later.filter((row) => canaries.has(row.person_id))).toHaveLength(1);
      }
      const offer = await db.query<{ status: string }>(
        `SELECT o.status FROM applications a JOIN offers o ON o.id = a.offer_id
         WHERE a.person_id = ANY($1::uuid[]) AND o.employer_id = $2`,
        [[...canaries], employer_id],
      );
      expect(offer.rows.map((row) => row.status)).toEqual([expect.stringMatching(/^(closed|archived)$/)]);
    }
  });

  it('adds nothing when planting again', async () => {
    const before = await sizes();
    const again = await plantCanaries(kit.platform);
    expect(Object.values(again).every((space) => space.planted === 0)).toBe(true);
    expect(again.training.present).toBe(report.training.planted);
    expect(await sizes()).toEqual(before);
    // The control: an organisation that qualifies anew (its first session) gets its canary.
    const newcomer = kit.platform.random.uuid();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'Nouvel organisme', '73282932000074')",
      [newcomer],
    );
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
       VALUES ($1, $2, 'Anglais professionnel', '33', 'Bordeaux', '2026-12-01', '2027-01-31', 10)`,
      [kit.platform.random.uuid(), newcomer],
    );
    const third = await plantCanaries(kit.platform);
    expect(third.training).toEqual({ planted: 1, present: report.training.planted, waiting: 0 });
    expect((await sizes()).people).toBe(before.people! + 1);
  });
});
