import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { Db } from '../../src/db/client.js';
import { fixedClock, type Clock, type FixedClock } from '../../src/kernel/clock.js';
import { wirePlatform, type Platform } from '../../src/platform.js';
import { seedAccounts, seedApplications, seedPeople, seedProfiles } from '../../src/seed/seed.purposes.js';
import { testMasterKey } from '../../src/http/test-helpers.js';
import { platformActor, type Actor, type NewPerson, type Role, type Vault } from '../../src/vault/index.js';
import { ownerOf } from './databases.js';

export { testMasterKey } from '../../src/http/test-helpers.js';
export const system: Actor = platformActor('test');

/** A configuration for tests: demo mode, a private data directory (checkpoints go there). */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'rempart-test-')), ...env });
}

/**
 * The platform wired on a test database opened with `openTestDatabase`/`openTestDb`: the same
 * composition root as the server's, with a fixed clock and a test master key.
 */
export async function makeVault<C extends Clock = FixedClock>(db: Db, options: { clock?: C; config?: Config } = {}) {
  const clock = options.clock ?? (fixedClock(new Date('2026-11-20T09:00:00Z')) as unknown as C);
  const platform: Platform = await wirePlatform(
    { db, migrated: [], openOwner: () => ownerOf(db) },
    options.config ?? testConfig(),
    { clock, masterKey: testMasterKey },
  );
  return { clock, keyring: platform.keyring, accessLog: platform.accessLog, vault: platform.vault, platform };
}

/** What makeVault gives, with the test's fixed clock. */
export type TestKit = Awaited<ReturnType<typeof makeVault<FixedClock>>>;

export function person(overrides: Partial<NewPerson> = {}): NewPerson {
  return {
    id: randomUUID(),
    kind: 'job_seeker',
    lastName: 'Lefèvre',
    firstName: 'Éloïse',
    birthDate: '1990-04-12',
    address: { line: '12 rue des Lilas', postcode: '69003', commune: 'Lyon', departement: '69' },
    email: `eloise.${randomUUID().slice(0, 8)}@exemple.fr`,
    phone: '06 12 34 56 78',
    franceTravailId: '1234567A',
    registrationStatus: 'inscrit',
    ...overrides,
  };
}

async function organisation(db: Db, kind: string, extra: { versant?: string; siret?: string } = {}) {
  const id = randomUUID();
  await db.query('INSERT INTO organisations (id, kind, name, versant, siret) VALUES ($1, $2, $3, $4, $5)', [
    id,
    kind,
    `Organisation ${id.slice(0, 6)}`,
    extra.versant ?? null,
    extra.siret ?? null,
  ]);
  return id;
}

/** An active account seeded as the platform, and the actor it signs in as (no real session). */
export async function seededAccount(
  vault: Vault,
  role: Role,
  organisationId: string | null,
  personId: string | null = null,
): Promise<Extract<Actor, { kind: 'account' }>> {
  const id = randomUUID();
  await vault.write(system, seedAccounts, [
    {
      id,
      role,
      organisationId,
      personId,
      email: `${id}@demo.rempart.test`,
      displayName: role,
      passwordHash: null,
      status: 'active',
      createdBy: null,
      approvedBy: null,
      approvedAt: null,
    },
  ]);
  return {
    kind: 'account',
    accountId: id,
    role,
    organisationId,
    personId,
    sessionId: 's-' + id.slice(0, 8),
    clientAddr: '127.0.0.1',
  };
}

function siret(): string {
  return Array.from({ length: 14 }, () => randomInt(10)).join('');
}

/**
 * Two of everything: two training organisations, two employers, two advisors, each with its
 * own people, so that every test can check that one side gets nothing of the other's.
 */
export async function twoOrganisations(db: Db, vault: Vault) {
  const orgA = await organisation(db, 'training', { siret: siret() });
  const orgB = await organisation(db, 'training', { siret: siret() });
  const employerA = await organisation(db, 'employer', { versant: 'etat' });
  const employerB = await organisation(db, 'employer', { versant: 'territoriale' });
  const agency = await organisation(db, 'agency');
  const traineeA = person({ lastName: 'Dupré', firstName: 'Hélène' });
  const traineeB = person({ lastName: 'Nguyễn', firstName: 'Thảo' });
  const applicantA = person({ kind: 'candidate', lastName: 'Garçon', firstName: 'Zoé' });
  const applicantB = person({ kind: 'candidate', lastName: 'Müller', firstName: 'Anaïs' });
  const poolOnly = person({ kind: 'candidate', lastName: 'Le Gall', firstName: 'Maël' });
  const notInPool = person({ kind: 'candidate', lastName: 'Côté', firstName: 'Noé' });
  const everyone = [traineeA, traineeB, applicantA, applicantB, poolOnly, notInPool];
  await vault.write(system, seedPeople, everyone);
  const profile = (personId: string, poolOptIn: boolean) => ({
    id: personId,
    career: [{ title: 'Adjointe administrative', employer: 'Mairie de Rennes', from: '2019-01', to: null }],
    postsSought: ['Attaché d’administration'],
    zones: { regions: ['Bretagne'], departements: ['35'] },
    languages: [{ code: 'en', level: 'B2' as const }],
    aspirations: 'Rejoindre un service au contact du public.',
    poolOptIn,
  });
  await vault.write(system, seedProfiles, [
    profile(applicantA.id, false),
    profile(applicantB.id, false),
    profile(poolOnly.id, true),
    profile(notInPool.id, false),
  ]);
  const account = (role: Role, organisationId: string | null, personId: string | null = null) =>
    seededAccount(vault, role, organisationId, personId);
  const actors = {
    ofUserA: await account('of_user', orgA),
    ofManagerB: await account('of_manager', orgB),
    recruiterA: await account('recruiter', employerA),
    managerA: await account('recruiter_manager', employerA),
    managerB: await account('recruiter_manager', employerB),
    advisorA: await account('advisor', agency),
    advisorB: await account('advisor', agency),
    candidateA: await account('candidate', null, applicantA.id),
    securityOfficer: await account('security_officer', agency),
    admin: await account('admin', agency),
  };
  const session = async (organisationId: string) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
       VALUES ($1, $2, 'Développeur web', '69', 'Lyon', '2026-09-01', '2027-02-28', 12)`,
      [id, organisationId],
    );
    return id;
  };
  const sessionA = await session(orgA);
  const sessionB = await session(orgB);
  await db.query('INSERT INTO referrals (id, session_id, person_id) VALUES ($1, $2, $3), ($4, $5, $6)', [
    randomUUID(),
    sessionA,
    traineeA.id,
    randomUUID(),
    sessionB,
    traineeB.id,
  ]);
  await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2), ($3, $4)', [
    actors.advisorA.kind === 'account' ? actors.advisorA.accountId : '',
    traineeA.id,
    actors.advisorB.kind === 'account' ? actors.advisorB.accountId : '',
    traineeB.id,
  ]);
  const offer = async (employerId: string, versant: string) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO offers (id, reference, title, employer_id, versant, category, nature, metier, domaine, departement,
         place, study_level) VALUES ($1, $2, 'Attaché', $3, $4, 'A', 'Titulaire', 'Attaché', 'Administration', '35',
         'Rennes', 'Bac+3')`,
      [id, `2026-${id.slice(0, 7)}`, employerId, versant],
    );
    return id;
  };
  const offerA = await offer(employerA, 'etat');
  const offerB = await offer(employerB, 'territoriale');
  await vault.write(system, seedApplications, [
    {
      id: randomUUID(),
      offerId: offerA,
      personId: applicantA.id,
      status: 'submitted',
      message: 'Bonjour, je suis motivée.',
      submittedAt: new Date(),
    },
    {
      id: randomUUID(),
      offerId: offerB,
      personId: applicantB.id,
      status: 'submitted',
      message: null,
      submittedAt: new Date(),
    },
  ]);
  return {
    orgA,
    orgB,
    employerA,
    employerB,
    traineeA,
    traineeB,
    applicantA,
    applicantB,
    poolOnly,
    notInPool,
    everyone,
    actors,
  };
}
