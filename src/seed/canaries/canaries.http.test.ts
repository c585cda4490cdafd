import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { person, system, twoOrganisations } from '../../../test/support/fixtures.js';
import { signedInBrowser } from '../../../test/support/form-browser.js';
import { identityApp } from '../../../test/support/identity.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../kernel/clock.js';
import type { Platform } from '../../platform.js';
import type { Actor } from '../../vault/index.js';
import { jobs } from '../jobs.js';
import { seedApplications, seedPeople, seedProfiles } from '../seed.purposes.js';
import { plantCanaries, type PlantReport } from './index.js';

const idOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');

/**
 * Each kind of canary through the real routes, on both engines: the lists and searches a
 * legitimate user makes every day leave the account alone; the enumeration that reaches a
 * canary suspends the account and opens the officers' alert within that very request, and
 * nothing it would have read leaves.
 */
describe.each(engines)('canaries through the routes (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let platform: Platform;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  let report: PlantReport;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));

  /** A signed-in browser of one of the world's accounts. */
  const browserOf = async (actor: Actor) => {
    if (actor.kind !== 'account') throw new Error('an account');
    const browser = await signedInBrowser(app, db, { accountId: actor.accountId, role: actor.role, clock });
    return { id: actor.accountId, browser };
  };

  /** What the platform knows of an account: whether it is suspended, its live sessions, its canary alerts. */
  const stateOf = async (accountId: string) => {
    const account = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [accountId]);
    const live = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND ended_at IS NULL',
      [accountId],
    );
    const alerts = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM security_alerts WHERE kind = 'guard.canary_read' AND detail->>'compte' = $1",
      [accountId],
    );
    return { status: account.rows[0]!.status, liveSessions: live.rows[0]!.n, alerts: alerts.rows[0]!.n };
  };
  /** The outcome of the account's last entry for a purpose: what the log says left. */
  const lastEntry = async (accountId: string, purpose: string) =>
    (
      await db.query<{ outcome: string }>(
        'SELECT outcome FROM access_log WHERE actor_id = $1 AND purpose = $2 ORDER BY seq DESC LIMIT 1',
        [accountId, purpose],
      )
    ).rows[0]?.outcome;
  const untouched = { status: 'active', liveSessions: 1, alerts: 0 };
  const tripped = { status: 'suspended', liveSessions: 0, alerts: 1 };

  /** Job seekers of `advisorId`'s portfolio, followed for a while: a portfolio of more than a page. */
  async function fillPortfolio(advisorId: string, count: number) {
    const people = Array.from({ length: count }, (_, n) => person({ lastName: `Suivi${n}`, franceTravailId: null }));
    await platform.vault.write(system, seedPeople, people);
    for (const [n, one] of people.entries()) {
      await db.query('INSERT INTO portfolios (advisor_id, person_id, since) VALUES ($1, $2, $3)', [
        advisorId,
        one.id,
        `2026-0${1 + (n % 9)}-1${n % 10}`,
      ]);
    }
  }

  /** A closed offer of `employerId` with `count` turned-down applications: more than a page. */
  async function closedOfferWithRefusals(employerId: string, count: number) {
    const offerId = randomUUID();
    await db.query(
      `INSERT INTO offers (id, reference, title, employer_id, versant, category, nature, metier, domaine, departement,
         place, study_level, status, published_on) VALUES ($1, $2, 'Rédacteur', $3, 'etat', 'B', 'Titulaire',
         'Rédacteur', 'Administration', '35', 'Rennes', 'Bac', 'closed', '2025-03-01')`,
      [offerId, `2025-${offerId.slice(0, 7)}`, employerId],
    );
    const people = Array.from({ length: count }, (_, n) => person({ kind: 'candidate', lastName: `Refus${n}` }));
    await platform.vault.write(system, seedPeople, people);
    await platform.vault.write(
      system,
      seedApplications,
      people.map((one, n) => ({
        id: randomUUID(),
        offerId,
        personId: one.id,
        status: 'rejected' as const,
        message: null,
        submittedAt: new Date(Date.UTC(2025, 3, 1 + n)),
      })),
    );
  }

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    platform = built.platform;
    await app.ready();
    world = await twoOrganisations(db, platform.vault);
    await fillPortfolio(idOf(world.actors.advisorA), 21);
    await closedOfferWithRefusals(world.employerA, 21);
    // More of the pool: what ordinary searches find, beside the canaries.
    const others = [
      person({ kind: 'candidate', lastName: 'Rivière' }),
      person({ kind: 'candidate', lastName: 'Roux' }),
    ];
    await platform.vault.write(system, seedPeople, others);
    await platform.vault.write(
      system,
      seedProfiles,
      others.map((one, n) => ({
        id: one.id,
        career: [],
        postsSought: [jobs[0]!.metier],
        zones: { regions: [n === 0 ? 'Bretagne' : 'Normandie'], departements: [n === 0 ? '29' : '14'] },
        languages: [{ code: n === 0 ? 'en' : 'es', level: 'C1' as const }],
        aspirations: 'Servir le public.',
        poolOptIn: true,
      })),
    );
    report = await plantCanaries(platform);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('plants where the world qualifies: both organisations, the pool, employer A; no advisor', () => {
    expect(report).toEqual({
      training: { planted: 2, present: 0, waiting: 0 },
      pool: { planted: 2, present: 0, waiting: 0 },
      advising: { planted: 0, present: 0, waiting: 0 },
      recruiting: { planted: 1, present: 0, waiting: 1 },
    });
  });

  it('training: the daily pages leave the user alone; opening every session reaches the dormant one', async () => {
    const { id, browser } = await browserOf(world.actors.ofUserA);
    for (const page of ['/organisme', '/organisme/declarations', '/organisme/sessions']) {
      expect((await browser.open(page)).statusCode).toBe(200);
    }
    const current = await browser.open(`/organisme/sessions/${await currentSession(world.orgA)}`);
    expect(current.body).toContain('Dupré');
    expect(await stateOf(id)).toEqual(untouched);
    // The enumeration: every session the list links to, one after the other.
    const list = await browser.open('/organisme/sessions');
    const links = [
      ...new Set([...list.body.matchAll(/href="(\/organisme\/sessions\/[0-9a-f-]{36})"/g)].map((m) => m[1]!)),
    ];
    expect(links).toHaveLength(2);
    const answers = [];
    for (const link of links) answers.push(await browser.open(link));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 403]);
    expect(await stateOf(id)).toEqual(tripped);
    // Nothing of the dormant session's list left: the page is the suspension's, and the log
    // says the read was refused.
    expect(answers[1]!.body).toContain('Votre compte est suspendu');
    expect(await lastEntry(id, 'training.follow_up')).toBe('deny');
  });

  it('pool: narrow searches find people; the search by one language alone suspends the manager', async () => {
    const { id, browser } = await browserOf(world.actors.managerA);
    const narrow = [
      'region=Bretagne',
      'langue=en&niveau=B2',
      'langue=en&region=Bretagne',
      `poste=${encodeURIComponent(jobs[0]!.metier)}`,
      'langue=es&niveau=A1&region=Normandie',
    ];
    for (const query of narrow) {
      const found = await browser.open(`/recrutement/vivier?${query}`);
      expect(found.statusCode, query).toBe(200);
      expect(found.body, query).toContain('Ouvrir le profil');
    }
    expect(await stateOf(id)).toEqual(untouched);
    const broad = await browser.open('/recrutement/vivier?langue=en');
    expect(broad.statusCode).toBe(403);
    expect(broad.body).not.toContain('Ouvrir le profil');
    expect(await stateOf(id)).toEqual(tripped);
    expect(await lastEntry(id, 'recruiting.pool_search')).toBe('deny');
    // The other broad language has its own canary, for another manager.
    const other = await browserOf(world.actors.managerB);
    expect((await other.browser.open('/recrutement/vivier?langue=es&niveau=A1')).statusCode).toBe(403);
    expect(await stateOf(other.id)).toEqual(tripped);
  });

  it('advisors: no canary in a portfolio, whose every page a monthly review goes through', async () => {
    const { id, browser } = await browserOf(world.actors.advisorA);
    const first = await browser.open('/conseiller');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('DUPRÉ Hélène');
    await browser.open('/conseiller/recherche');
    const search = await browser.form('/conseiller/recherche', { identifiant: '1234567A', nom: '', prenom: '' });
    expect(search.body).toContain('DUPRÉ Hélène');
    expect(await stateOf(id)).toEqual(untouched);
    const last = await browser.open('/conseiller?page=2');
    expect(last.statusCode).toBe(200);
    expect(await stateOf(id)).toEqual(untouched);
    // Advisor B's portfolio holds one person: no canary there, and its only page is safe.
    const other = await browserOf(world.actors.advisorB);
    expect((await other.browser.open('/conseiller')).body).toContain('NGUYỄN Thảo');
    expect(await stateOf(other.id)).toEqual(untouched);
  });

  it('recruiters: the default and « Non retenue » lists leave the recruiter alone; the last page suspends', async () => {
    const { id, browser } = await browserOf(world.actors.recruiterA);
    for (const page of ['/recrutement', '/recrutement/candidatures', '/recrutement/candidatures?statut=rejected']) {
      expect((await browser.open(page)).statusCode, page).toBe(200);
    }
    expect(await stateOf(id)).toEqual(untouched);
    const last = await browser.open('/recrutement/candidatures?page=2');
    expect(last.statusCode).toBe(403);
    expect(await stateOf(id)).toEqual(tripped);
    // The page's applicants are read as people: the door knew the canary before the read ran.
    expect(await lastEntry(id, 'recruiting.application')).toBe('deny');
  });

  it('adds nothing when planted again', async () => {
    const count = async () =>
      (await db.query<{ n: number }>('SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM referrals) AS n'))
        .rows[0]!.n;
    const before = Number(await count());
    const again = await plantCanaries(platform);
    expect(Object.values(again).map((space) => space.planted)).toEqual([0, 0, 0, 0]);
    expect(Number(await count())).toBe(before);
  });

  /** The session of `organisationId` that is under way (the fixtures' only one, before planting). */
  async function currentSession(organisationId: string): Promise<string> {
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM training_sessions WHERE organisation_id = $1 AND ends_on >= '2026-11-20'",
      [organisationId],
    );
    return rows[0]!.id;
  }
});
