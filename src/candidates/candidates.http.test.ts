import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { signedInBrowser, type FormBrowser } from '../../test/support/form-browser.js';
import { person, system, twoOrganisations } from '../../test/support/fixtures.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import { postFile } from '../../test/support/multipart.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { searchPool } from '../recruiting/recruiting.purposes.js';
import { seedPeople } from '../seed/seed.purposes.js';
import type { Actor, Vault } from '../vault/index.js';

/** A page without its CSRF tokens, which differ on every page. */
const withoutToken = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '');
const accountId = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : '');
import { systemRandom } from '../kernel/random.js';
import { addOwnCv } from './cvs.js';
import { samplePdf } from './testing.js';

describe.each(engines)('the candidate’s space on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  let kit: Awaited<ReturnType<typeof twoOrganisations>>;
  let zoe: FormBrowser;
  let anais: FormBrowser;
  const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    vault = built.vault;
    await app.ready();
    kit = await twoOrganisations(db, vault);
    zoe = await signedInBrowser(app, db, {
      accountId: accountId(kit.actors.candidateA),
      role: 'candidate',
      clock,
      firstPage: '/candidat',
    });
    const anaisAccount = await candidateAccount(kit.applicantB.id);
    anais = await signedInBrowser(app, db, {
      accountId: anaisAccount,
      role: 'candidate',
      clock,
      firstPage: '/candidat',
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lands a candidate on their home, and refuses it to other roles', async () => {
    const page = await zoe.open('/candidat');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mon espace candidat');
    expect(page.body).toContain('Bonjour Zoé');
    expect(page.body).toContain('href="/candidat/candidatures"');
    expect((await zoe.open('/espace')).headers.location).toBe('/candidat');
  });

  it('keeps other roles out of every page of the candidate’s space', async () => {
    const seeker = await signedInBrowser(app, db, {
      accountId: (await addAccount(vault, { role: 'job_seeker', personId: kit.traineeA.id })).id,
      role: 'job_seeker',
      clock,
    });
    const recruiter = await signedInBrowser(app, db, {
      accountId: accountId(kit.actors.recruiterA),
      role: 'recruiter',
      clock,
    });
    for (const path of ['/candidat', '/candidat/profil', '/candidat/profil/souhaits', '/candidat/cv']) {
      expect((await seeker.open(path)).statusCode).toBe(403);
      expect((await recruiter.open(path)).statusCode).toBe(403);
    }
    expect((await recruiter.form('/candidat/cv/telechargement', { cv: randomUUID() })).statusCode).toBe(403);
  });

  it('saves identity, career, wishes and categories, read back through the door as the candidate', async () => {
    await zoe.open('/candidat/profil/identite');
    const saved = await zoe.form('/candidat/profil/identite', {
      lastName: 'Garçon',
      firstName: 'Zoé',
      birthDate: '1994-02-03',
      email: 'zoe.garcon@exemple.fr',
      phone: '06 11 22 33 44',
      addressLine: '3 place du Parlement',
      postcode: '35000',
      commune: 'Rennes',
      departement: '35',
    });
    expect(saved.statusCode).toBe(303);
    await zoe.open('/candidat/profil/parcours');
    expect(
      (
        await zoe.form('/candidat/profil/parcours', {
          title: 'Secrétaire de mairie',
          employer: 'Mairie de Vitré',
          from: '03/2021',
          to: '',
        })
      ).statusCode,
    ).toBe(303);
    await zoe.open('/candidat/profil/souhaits');
    const wishes = await zoe.form('/candidat/profil/souhaits', {
      categories: 'A',
      regions: 'bretagne',
      departements: '35',
      langue_de: 'C1',
      aspirations: 'Encadrer une équipe au service du public.',
    });
    expect(wishes.statusCode).toBe(303);
    const profile = await zoe.open('/candidat/profil');
    expect(profile.body).toContain('Secrétaire de mairie');
    expect(profile.body).toContain('Mairie de Vitré');
    expect(profile.body).toContain('Catégorie A');
    expect(profile.body).toContain('Allemand (C1)');
    expect(profile.body).toContain('3 place du Parlement, 35000 Rennes');
    expect(profile.body).toContain('Encadrer une équipe');
    // The other candidate's profile is untouched.
    expect((await anais.open('/candidat/profil')).body).not.toContain('Mairie de Vitré');
  });

  it('shows a field-level French error and keeps what was typed', async () => {
    await zoe.open('/candidat/profil/parcours');
    const bad = await zoe.form('/candidat/profil/parcours', {
      title: 'Agent d’accueil',
      employer: 'CAF',
      from: '2021',
      to: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Indiquez le mois et l’année');
    expect(bad.body).toContain('value="Agent d’accueil"');
  });

  it('keeps the profile out of the pool until the candidate opts in, and out again at once on withdrawal', async () => {
    const search = () => vault.search(kit.actors.managerA, searchPool, { facets: [['categorie:A']] });
    // Control: the category facet was written with the wishes, but the profile has not opted in.
    expect((await search()).records.map((r) => r.id)).not.toContain(kit.applicantA.id);
    await zoe.open('/candidat/profil/vivier');
    expect((await zoe.form('/candidat/profil/vivier', { pool: 'oui' })).statusCode).toBe(303);
    expect((await search()).records.map((r) => r.id)).toContain(kit.applicantA.id);
    await zoe.open('/candidat/profil/vivier');
    await zoe.form('/candidat/profil/vivier', { pool: 'non' });
    expect((await search()).records.map((r) => r.id)).not.toContain(kit.applicantA.id);
    // Each change of consent is in the access log, by the candidate, about them (GDPR art. 7(1)).
    const { rows } = await db.query<{ purpose: string }>(
      `SELECT purpose FROM access_log WHERE action = 'update' AND purpose LIKE 'candidates.pool%' AND actor_id = $1 AND $2::uuid = ANY(people) ORDER BY seq`,
      [accountId(kit.actors.candidateA), kit.applicantA.id],
    );
    expect(rows.map((row) => row.purpose)).toEqual(['candidates.pool_opt_in', 'candidates.pool_opt_out']);
  });

  it('opts in with a new candidate whose profile did not exist yet, off by default', async () => {
    const { id: personId } = await newCandidate();
    expect((await db.query('SELECT 1 FROM candidate_profiles WHERE person_id = $1', [personId])).rows).toEqual([]);
    const browser = await signedInBrowser(app, db, {
      accountId: accountOf.get(personId)!,
      role: 'candidate',
      clock,
      firstPage: '/candidat',
    });
    await browser.open('/candidat/profil/souhaits');
    await browser.form('/candidat/profil/souhaits', { categories: 'B' });
    const { rows } = await db.query<{ pool_opt_in: boolean }>(
      'SELECT pool_opt_in FROM candidate_profiles WHERE person_id = $1',
      [personId],
    );
    expect(rows).toEqual([{ pool_opt_in: false }]);
  });

  it('takes a PDF, strips it, lists it, downloads it, and deletes it', async () => {
    await zoe.open('/candidat/cv');
    const sent = await postFile(app, zoe, '/candidat/cv', {
      field: 'cv',
      name: 'CV_Zoé_Garçon.pdf',
      bytes: await samplePdf({ pages: 2, author: 'Zoé Garçon' }),
    });
    expect(sent.statusCode).toBe(303);
    const list = await zoe.open('/candidat/cv?fait=ajout');
    expect(list.body).toContain('CV_Zoé_Garçon.pdf');
    const id = /name="cv" value="([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const download = await zoe.form('/candidat/cv/telechargement', { cv: id });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(download.rawPayload, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getAuthor()).toBeUndefined();
    expect(download.rawPayload.toString('latin1')).not.toContain('Garçon');
    // Another candidate gets the same answer as for a CV that does not exist.
    await anais.open('/candidat/cv');
    const theirs = await anais.form('/candidat/cv/telechargement', { cv: id });
    const none = await anais.form('/candidat/cv/telechargement', { cv: randomUUID() });
    expect(theirs.statusCode).toBe(404);
    expect(withoutToken(theirs.body)).toBe(withoutToken(none.body));
    expect((await anais.form('/candidat/cv/suppression', { cv: id })).statusCode).toBe(404);
    expect((await anais.open('/candidat/cv')).body).not.toContain('CV_Zoé_Garçon.pdf');
    // Deleted by its owner.
    await zoe.open('/candidat/cv');
    expect((await zoe.form('/candidat/cv/suppression', { cv: id })).statusCode).toBe(303);
    expect((await zoe.open('/candidat/cv')).body).not.toContain('CV_Zoé_Garçon.pdf');
  });

  it('refuses a file named .pdf that is not one, with a French error on the field', async () => {
    await zoe.open('/candidat/cv');
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
    const refused = await postFile(app, zoe, '/candidat/cv', { field: 'cv', name: 'CV.pdf', bytes: png });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('n’est pas un PDF');
    expect(refused.body).toContain('fr-upload-group--error');
    const big = await postFile(app, zoe, '/candidat/cv', {
      field: 'cv',
      name: 'CV.pdf',
      bytes: Buffer.concat([await samplePdf(), Buffer.alloc(2 * 1024 * 1024)]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('dépasse 2');
  });

  it('keeps at most five CVs', async () => {
    await anais.open('/candidat/cv');
    for (let n = 0; n < 5; n++) {
      expect(
        (await postFile(app, anais, '/candidat/cv', { field: 'cv', name: `CV${n}.pdf`, bytes: await samplePdf() }))
          .statusCode,
      ).toBe(303);
    }
    const sixth = await postFile(app, anais, '/candidat/cv', {
      field: 'cv',
      name: 'CV6.pdf',
      bytes: await samplePdf(),
    });
    expect(sixth.statusCode).toBe(422);
    expect(sixth.body).toContain('déjà 5 CV');
  });

  it('keeps at most five CVs even when seven arrive at the same moment', async () => {
    const { id } = await newCandidate();
    const actor: Actor = {
      kind: 'account',
      accountId: accountOf.get(id)!,
      role: 'candidate',
      organisationId: null,
      personId: id,
      sessionId: null,
      clientAddr: '127.0.0.1',
    };
    const bytes = await samplePdf();
    const deps = { db, vault, clock, random: systemRandom };
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, n) => addOwnCv(deps, actor, { name: `CV${n}.pdf`, bytes })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(results.filter((result) => !result.ok && result.refusal === 'full')).toHaveLength(2);
    const kept = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cvs WHERE person_id = $1', [id]);
    expect(kept.rows[0]!.n).toBe(5);
  });

  it('refuses a file without its CSRF token, and a file sent to a form that takes none', async () => {
    await zoe.open('/candidat/cv');
    const token = zoe.csrf;
    zoe.csrf = 'faux';
    expect(
      (await postFile(app, zoe, '/candidat/cv', { field: 'cv', name: 'CV.pdf', bytes: await samplePdf() })).statusCode,
    ).toBe(403);
    zoe.csrf = token;
    const elsewhere = await postFile(app, zoe, '/candidat/profil/parcours', {
      field: 'cv',
      name: 'CV.pdf',
      bytes: await samplePdf(),
    });
    expect(elsewhere.statusCode).toBe(415);
  });

  const accountOf = new Map<string, string>();
  async function candidateAccount(personId: string): Promise<string> {
    const { id } = await addAccount(vault, { role: 'candidate', personId });
    accountOf.set(personId, id);
    return id;
  }
  async function newCandidate(): Promise<{ id: string }> {
    const someone = person({ kind: 'candidate' });
    await vault.write(system, seedPeople, [someone]);
    await candidateAccount(someone.id);
    return { id: someone.id };
  }
});
