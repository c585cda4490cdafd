import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { signedInBrowser, type FormBrowser } from '../../test/support/form-browser.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { insertEmployer, insertOffer, offerFields } from './offers.fixtures.js';

const h1 = (body: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1]?.trim();

/** Every field of the offer form, as a recruiter's browser posts it. */
function formOf(overrides: Record<string, string> = {}): Record<string, string> {
  const f = offerFields();
  return {
    title: 'Chargé d’accueil (H/F)',
    vacancyKind: f.vacancyKind,
    category: 'C',
    grades: f.grades,
    nature: f.nature,
    metier: 'Agent d’accueil',
    domaine: 'Administration générale',
    departement: '35',
    place: 'Rennes',
    service: f.service,
    parentOrganisation: f.parentOrganisation,
    recruitingAuthority: f.recruitingAuthority,
    description: f.description,
    profile: f.profile,
    conditions: '',
    studyLevel: f.studyLevel,
    contractMonths: '',
    fullTime: 'on',
    vacantFrom: '2026-12-01',
    applyTo: f.applyTo,
    deadline: '',
    remuneration: '',
    ...overrides,
  };
}

/**
 * The offers' routes through inject, on both engines: the public search and page for anyone,
 * the apply link for candidates, a recruiter's lifecycle with art. 3 and art. 4, and isolation
 * between employers on every route (another employer's offer answers as a missing one).
 */
describe.each(engines)('offers over HTTP on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  const clock = fixedClock(new Date('2026-11-26T10:00:00Z'));
  let recruiterA: FormBrowser;
  let managerA: FormBrowser;
  let recruiterB: FormBrowser;
  let candidate: FormBrowser;
  let publishedA: { id: string; reference: string };
  let draftA: { id: string; reference: string };
  let publishedB: { id: string; reference: string };

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    const employerA = await insertEmployer(db, 'Préfecture d’Ille-et-Vilaine');
    const employerB = await insertEmployer(db, 'Mairie de Quimper', 'territoriale');
    publishedA = await insertOffer(db, employerA, { fields: { title: 'Instructeur des titres de séjour' } });
    draftA = await insertOffer(db, employerA, {
      status: 'draft',
      fields: { title: 'Brouillon secret de la préfecture' },
    });
    publishedB = await insertOffer(db, employerB, {
      versant: 'territoriale',
      fields: { title: 'Secrétaire de mairie', departement: '29', place: 'Quimper' },
    });
    const open = async (role: 'recruiter' | 'recruiter_manager' | 'candidate', organisationId: string | null) => {
      const account = await addAccount(built.vault, { role, organisationId });
      return signedInBrowser(app, db, { accountId: account.id, role, clock });
    };
    recruiterA = await open('recruiter', employerA);
    managerA = await open('recruiter_manager', employerA);
    recruiterB = await open('recruiter', employerB);
    candidate = await open('candidate', null);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lets anyone search published offers and read one, with every field of art. 3', async () => {
    const list = await app.inject({ url: '/offres' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Instructeur des titres de séjour');
    expect(list.body).toContain('Secrétaire de mairie');
    expect(list.body).not.toContain('Brouillon secret');
    const found = await app.inject({ url: '/offres?q=sejour&departement=35' });
    expect(found.body).toContain('Instructeur des titres de séjour');
    expect(found.body).not.toContain('Secrétaire de mairie');
    const page = await app.inject({ url: `/offres/${publishedA.reference}` });
    expect(page.statusCode).toBe(200);
    for (const label of [
      'Versant',
      'Création ou vacance',
      'Catégorie',
      'Corps, cadre d’emplois ou grade',
      'Autorité de recrutement',
      'Employeur',
      'Métier',
      'Localisation',
      'Date de vacance de l’emploi',
      'Candidatures à adresser à',
      'Date limite de candidature',
      'Missions',
      'Profil attendu',
    ]) {
      expect(page.body, label).toContain(label);
    }
    // A visitor is asked to sign in to apply; nobody reads a draft.
    expect(page.body).toContain('href="/connexion"');
    expect(page.body).not.toContain('/candidat/candidatures/nouvelle');
    expect((await app.inject({ url: `/offres/${draftA.reference}` })).statusCode).toBe(404);
  });

  it('shows a signed-in candidate the way to apply and to save the search', async () => {
    const page = await candidate.open(`/offres/${publishedA.reference}`);
    expect(page.body).toContain(`href="/candidat/candidatures/nouvelle?offre=${publishedA.reference}"`);
    expect(page.body).toContain('Postuler');
    expect((await candidate.open('/offres')).body).toContain('/offres/alertes/nouvelle');
    // Control: a recruiter is not offered to apply.
    expect((await recruiterA.open(`/offres/${publishedA.reference}`)).body).not.toContain('Postuler');
  });

  it('takes a recruiter’s offer from draft to published, closed and archived', async () => {
    await recruiterA.open('/recrutement/offres/nouvelle');
    const created = await recruiterA.form('/recrutement/offres/nouvelle', formOf({ applyTo: '' }));
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    const id = /\/recrutement\/offres\/([0-9a-f-]{36})\?fait=brouillon/.exec(location)![1]!;
    expect((await recruiterA.open('/recrutement/offres')).body).toContain('Chargé d’accueil (H/F)');
    // Art. 3: an offer without who receives applications cannot be published.
    await recruiterA.open(`/recrutement/offres/${id}/publication`);
    const incomplete = await recruiterA.form(`/recrutement/offres/${id}/publication`, { until: '2027-01-15' });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.body).toContain('à qui adresser les candidatures');
    await recruiterA.open(`/recrutement/offres/${id}/modification`);
    const edited = await recruiterA.form(`/recrutement/offres/${id}/modification`, formOf());
    expect(edited.headers.location).toBe(`/recrutement/offres/${id}?fait=modifiee`);
    // Art. 4: a permanent post published for less than a month waits for a confirmation.
    await recruiterA.open(`/recrutement/offres/${id}/publication`);
    const short = await recruiterA.form(`/recrutement/offres/${id}/publication`, { until: '2026-12-10' });
    expect(short.statusCode).toBe(409);
    expect(short.body).toContain('Publication de moins d’un mois');
    expect((await db.query('SELECT status FROM offers WHERE id = $1', [id])).rows[0]).toEqual({ status: 'draft' });
    const confirmed = await recruiterA.form(`/recrutement/offres/${id}/publication`, {
      until: '2026-12-10',
      confirm: 'on',
    });
    expect(confirmed.headers.location).toBe(`/recrutement/offres/${id}?fait=publiee`);
    const reference = (await db.query<{ reference: string }>('SELECT reference FROM offers WHERE id = $1', [id]))
      .rows[0]!.reference;
    expect((await app.inject({ url: `/offres/${reference}` })).statusCode).toBe(200);
    // A manager of the same employer closes it; it then leaves the search.
    await managerA.open(`/recrutement/offres/${id}`);
    expect((await managerA.form(`/recrutement/offres/${id}/cloture`, {})).headers.location).toBe(
      `/recrutement/offres/${id}?fait=cloturee`,
    );
    expect((await app.inject({ url: '/offres?q=accueil' })).body).not.toContain('Chargé d’accueil');
    await recruiterA.open(`/recrutement/offres/${id}`);
    expect((await recruiterA.form(`/recrutement/offres/${id}/archivage`, {})).headers.location).toBe(
      `/recrutement/offres/${id}?fait=archivee`,
    );
    const rows = await db.query('SELECT status FROM offers WHERE id = $1', [id]);
    expect(rows.rows[0]).toEqual({ status: 'archived' });
    // An archived offer is no longer edited, nor published again.
    expect((await recruiterA.open(`/recrutement/offres/${id}`)).body).not.toContain('Modifier');
  });

  it('answers another employer’s offer exactly as a missing one, on every route', async () => {
    const other = publishedA.id;
    const missing = randomUUID();
    for (const path of ['', '/modification', '/publication']) {
      const theirs = await recruiterB.open(`/recrutement/offres/${other}${path}`);
      const none = await recruiterB.open(`/recrutement/offres/${missing}${path}`);
      expect([theirs.statusCode, h1(theirs.body)], path).toEqual([none.statusCode, h1(none.body)]);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.body).not.toContain('Instructeur des titres');
    }
    await recruiterB.open('/recrutement/offres');
    for (const [path, fields] of [
      ['/modification', formOf({ title: 'Détourné' })],
      ['/publication', { until: '2027-02-01' }],
      ['/cloture', {}],
      ['/archivage', {}],
    ] as const) {
      const theirs = await recruiterB.form(`/recrutement/offres/${other}${path}`, fields);
      const none = await recruiterB.form(`/recrutement/offres/${missing}${path}`, fields);
      expect([theirs.statusCode, h1(theirs.body)], path).toEqual([none.statusCode, h1(none.body)]);
      expect(theirs.statusCode).toBe(404);
    }
    const unchanged = await db.query('SELECT title, status FROM offers WHERE id = $1', [other]);
    expect(unchanged.rows[0]).toEqual({ title: 'Instructeur des titres de séjour', status: 'published' });
    // B's list holds B's offers only; A's draft appears in no list but A's.
    const listB = (await recruiterB.open('/recrutement/offres')).body;
    expect(listB).toContain('Secrétaire de mairie');
    expect(listB).not.toContain('Instructeur des titres');
    expect((await recruiterB.open('/recrutement/offres?statut=draft')).body).not.toContain('Brouillon secret');
    expect((await recruiterA.open('/recrutement/offres?statut=draft')).body).toContain('Brouillon secret');
    // Control: B reaches its own offer.
    expect((await recruiterB.open(`/recrutement/offres/${publishedB.id}`)).statusCode).toBe(200);
  });

  it('keeps the recruiters’ pages from candidates and visitors', async () => {
    expect((await candidate.open('/recrutement/offres')).statusCode).toBe(403);
    expect((await candidate.open(`/recrutement/offres/${publishedA.id}`)).statusCode).toBe(403);
    const visitor = await app.inject({ url: '/recrutement/offres' });
    expect([visitor.statusCode, visitor.headers.location]).toEqual([303, '/connexion']);
  });
});
