import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { signedInBrowser, type FormBrowser } from '../../test/support/form-browser.js';
import { person, system, twoOrganisations } from '../../test/support/fixtures.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import { postFile } from '../../test/support/multipart.js';
import { samplePdf } from '../candidates/testing.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { reviewApplicants } from '../recruiting/recruiting.purposes.js';
import { seedApplications, seedPeople } from '../seed/seed.purposes.js';
import { followTrainees } from '../training/training.purposes.js';
import type { Actor, Role, Vault } from '../vault/index.js';

const accountIdOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');
const count = (text: string, part: string) => text.split(part).length - 1;

describe.each(engines)('« Mes données » and « Mes accès » on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  let sealNow: () => Promise<unknown>;
  let kit: Awaited<ReturnType<typeof twoOrganisations>>;
  let zoe: FormBrowser;
  let helene: FormBrowser;
  const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));

  const accountFor = async (personId: string, role: Role) => (await addAccount(vault, { role, personId })).id;
  const browse = (accountId: string, role: Role, mfaAgoMs = 0) =>
    signedInBrowser(app, db, { accountId, role, clock, mfaAgoMs, firstPage: '/mes-donnees' });

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    vault = built.vault;
    sealNow = () => built.platform.sealer.sealNow();
    await app.ready();
    kit = await twoOrganisations(db, vault);
    zoe = await browse(accountIdOf(kit.actors.candidateA), 'candidate');
    helene = await browse(await accountFor(kit.traineeA.id, 'job_seeker'), 'job_seeker');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('gives a candidate all of their data as JSON, and only theirs', async () => {
    const response = await zoe.form('/mes-donnees/export', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="mes-donnees-rempart-2026-11-25\.json"$/,
    );
    const data = response.json();
    expect(Object.keys(data.sections)).toEqual([
      'compte',
      'identite',
      'profil',
      'parcours',
      'cv',
      'alertes',
      'candidatures',
      'messages_recruteurs',
    ]);
    expect(data.sections.identite.items[0]).toMatchObject({ lastName: 'Garçon', firstName: 'Zoé' });
    expect(data.sections.parcours.items[0]).toMatchObject({ employer: 'Mairie de Rennes' });
    for (const other of ['Müller', 'Dupré', kit.applicantB.email!]) expect(response.body).not.toContain(other);
    // Each section asks the door for the fields it shows: identity is read once, by its own section.
    const { rows } = await db.query<{ fields: string[] }>(
      `SELECT fields FROM access_log WHERE actor_id = $1 AND purpose = 'self.view' AND 'lastName' = ANY(fields)`,
      [accountIdOf(kit.actors.candidateA)],
    );
    expect(rows).toHaveLength(0);
  });

  it('shows the same data on a readable page', async () => {
    const page = await zoe.open('/mes-donnees/lisible');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Garçon');
    expect(page.body).toContain('Parcours professionnel');
    expect(page.body).not.toContain('Müller');
  });

  it('gives a job seeker their identity and France Travail registration, without a candidate’s sections', async () => {
    const data = (await helene.form('/mes-donnees/export', {})).json();
    expect(Object.keys(data.sections)).toEqual(['compte', 'identite', 'orientations', 'declarations']);
    expect(data.sections.identite.items[0]).toMatchObject({ lastName: 'Dupré', franceTravailId: '1234567A' });
    expect(JSON.stringify(data)).not.toContain('Garçon');
  });

  it('keeps staff out, and asks for a recent check before the whole export', async () => {
    const recruiter = await signedInBrowser(app, db, {
      accountId: accountIdOf(kit.actors.recruiterA),
      role: 'recruiter',
      clock,
    });
    expect((await recruiter.open('/mes-donnees')).statusCode).toBe(403);
    expect((await recruiter.open('/mes-acces')).statusCode).toBe(403);
    const stale = await browse(accountIdOf(kit.actors.candidateA), 'candidate', 10 * 60_000);
    const readable = await stale.open('/mes-donnees/lisible');
    expect(readable.statusCode).toBe(303);
    expect(readable.headers.location).toMatch(/^\/compte\/verification/);
  });

  it('lists who read my data by organisation and role, never a staff member, a page at a time', async () => {
    for (let n = 0; n < 23; n++) await vault.read(kit.actors.recruiterA, reviewApplicants, [kit.applicantA.id]);
    await vault.read(kit.actors.ofUserA, followTrainees, [kit.traineeA.id]);
    await sealNow();
    const first = await zoe.open('/mes-acces');
    expect(first.statusCode).toBe(200);
    // Each row is drawn twice: as a table row on a wide screen, as a card on a phone.
    expect(count(first.body, 'Examen de votre candidature par l’employeur') / 2).toBe(20);
    const employer = (await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [kit.employerA]))
      .rows[0]!.name;
    expect(first.body).toContain(employer);
    expect(first.body).toContain('Recruteur');
    expect(first.body).not.toContain('@demo.rempart.test');
    expect(first.body).not.toContain('follow_up');
    const next = /href="(\/mes-acces\?avant=\d+)"/.exec(first.body)![1]!;
    const second = await zoe.open(next);
    expect(count(second.body, 'Examen de votre candidature par l’employeur') / 2).toBe(3);
    expect(second.body).not.toContain('avant=');
    // The job seeker sees the training organisation, and none of the candidate's readers.
    const hers = await helene.open('/mes-acces');
    expect(hers.body).toContain('Suivi de votre formation');
    expect(hers.body).not.toContain('Examen de votre candidature');
  });

  it('erases a candidate’s account, profile, CVs, alerts, applications and sessions, and says what is kept', async () => {
    const someone = person({ kind: 'candidate', lastName: 'Effacé', firstName: 'Jules' });
    await vault.write(system, seedPeople, [someone]);
    const accountId = await accountFor(someone.id, 'candidate');
    const jules = await signedInBrowser(app, db, {
      accountId,
      role: 'candidate',
      clock,
      firstPage: '/candidat/profil/souhaits',
    });
    await jules.form('/candidat/profil/souhaits', { categories: 'C', departements: '29' });
    await jules.open('/candidat/cv');
    expect(
      (await postFile(app, jules, '/candidat/cv', { field: 'cv', name: 'CV.pdf', bytes: await samplePdf() }))
        .statusCode,
    ).toBe(303);
    await jules.open('/offres/alertes/nouvelle?q=infirmier');
    await jules.form('/offres/alertes/nouvelle', { q: 'infirmier', label: 'Infirmier' });
    // An application with an event the candidate authored (a withdrawal): both point to them.
    const applicationId = randomUUID();
    const offer = await db.query<{ id: string }>('SELECT id FROM offers WHERE employer_id = $1 LIMIT 1', [
      kit.employerA,
    ]);
    await vault.write(system, seedApplications, [
      {
        id: applicationId,
        offerId: offer.rows[0]!.id,
        personId: someone.id,
        status: 'withdrawn',
        message: null,
        submittedAt: clock.now(),
      },
    ]);
    await db.query(
      `INSERT INTO application_events (id, application_id, kind, status, author_id, created_at)
       VALUES ($1, $2, 'status', 'withdrawn', $3, $4)`,
      [randomUUID(), applicationId, accountId, clock.now()],
    );
    const page = await jules.open('/mes-donnees/suppression');
    expect(page.body).toContain('Le journal des accès garde');
    expect(page.body).toContain('au bout d’un an');
    const unconfirmed = await jules.form('/mes-donnees/suppression', {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Cochez la case');
    const rows = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM people WHERE id = $1) + (SELECT count(*) FROM accounts WHERE id = $2)
             + (SELECT count(*) FROM cvs WHERE person_id = $1) + (SELECT count(*) FROM candidate_profiles WHERE person_id = $1)
             + (SELECT count(*) FROM profile_facets WHERE person_id = $1) + (SELECT count(*) FROM sessions WHERE account_id = $2)
             + (SELECT count(*) FROM saved_searches WHERE account_id = $2) + (SELECT count(*) FROM applications WHERE person_id = $1)
             + (SELECT count(*) FROM application_events WHERE author_id = $2) AS n`,
          [someone.id, accountId],
        )
      ).rows[0]!.n;
    expect(Number(await rows())).toBeGreaterThanOrEqual(9); // control: everything is there before
    const erased = await jules.form('/mes-donnees/suppression', { confirm: 'oui' });
    expect(erased.statusCode).toBe(303);
    expect(erased.headers.location).toBe('/mes-donnees/supprime');
    expect(Number(await rows())).toBe(0);
    const entry = await db.query('SELECT 1 FROM access_log WHERE action = $1 AND actor_id = $2', ['erase', accountId]);
    expect(entry.rows).toHaveLength(1);
    expect((await jules.open('/candidat')).statusCode).not.toBe(200);
    expect((await app.inject({ url: '/mes-donnees/supprime' })).statusCode).toBe(200);
  });

  it('erases a followed job seeker’s account but keeps France Travail’s file', async () => {
    const accountId = await accountFor(kit.traineeB.id, 'job_seeker');
    const thao = await browse(accountId, 'job_seeker');
    await thao.open('/mes-donnees/suppression');
    expect((await thao.form('/mes-donnees/suppression', { confirm: 'oui' })).statusCode).toBe(303);
    expect((await db.query('SELECT 1 FROM accounts WHERE id = $1', [accountId])).rows).toEqual([]);
    expect((await db.query('SELECT 1 FROM people WHERE id = $1', [kit.traineeB.id])).rows).toHaveLength(1);
  });
});
