import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sealer } from '../src/audit/index.js';
import type { Db } from '../src/db/client.js';
import { newTotpSecret, totpStep } from '../src/identity/totp/index.js';
import { fixedClock } from '../src/kernel/clock.js';
import { systemRandom } from '../src/kernel/random.js';
import { insertEmployer, insertOffer } from '../src/offers/offers.fixtures.js';
import { freePort, launchChromium } from './support/browser.js';
import { openTestDb } from './support/databases.js';
import { addAccount, identityApp } from './support/identity.js';
import { linkFromMailbox, openMailbox } from './support/mail.js';
import { signIn } from './support/sign-in.js';

/** A one-page PDF with an author, as a word processor writes a CV. */
async function smallCv(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setAuthor('Inès Rivière');
  const page = pdf.addPage([595, 842]);
  page.drawText('Inès Rivière — archiviste', {
    x: 50,
    y: 780,
    size: 14,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await pdf.save());
}

/**
 * Issue 9's journey in Chromium: a candidate registers and confirms the address from the
 * mail, fills in the profile, uploads a CV, searches the offers by a word and applies with a
 * message and that CV; a recruiter of the offer's employer, logged in with TOTP, opens the
 * application and moves it to « Entretien »; the candidate sees the new status, the e-mail
 * about it, and the recruiter's read in « Mes accès », named by role and employer only.
 */
describe('the candidate’s and the recruiter’s journey in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const clock = fixedClock(new Date('2026-11-24T09:00:00Z'));
  const employerName = 'Archives départementales d’Ille-et-Vilaine';
  const candidateEmail = `ines.${randomUUID().slice(0, 6)}@exemple.fr`;
  const recruiterEmail = `paul.${randomUUID().slice(0, 6)}@archives35.fr`;
  const password = 'Une phrase de passe très longue 2026 !';
  const secret = newTotpSecret(systemRandom);
  const code = () => HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });
  let reference: string;
  let sealer: Sealer;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The mails' links carry the public address: the one the browser opens.
    const built = await identityApp(db, { clock, publicUrl: base });
    app = built.app;
    // The sealer files each read under the people it names, for « Mes accès », off the read
    // path: it runs in the background as `rempart serve` runs it.
    sealer = built.platform.sealer;
    sealer.start();
    const employer = await insertEmployer(db, employerName);
    const other = await insertEmployer(db, 'Mairie de Brest', 'territoriale');
    ({ reference } = await insertOffer(db, employer, {
      fields: { title: 'Archiviste (H/F)', metier: 'Archiviste', domaine: 'Culture et patrimoine' },
    }));
    await insertOffer(db, other, { versant: 'territoriale' });
    const recruiter = await addAccount(built.vault, {
      role: 'recruiter',
      organisationId: employer,
      email: recruiterEmail,
      password,
    });
    await built.vault.storeTotpSecret(recruiter.id, secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [recruiter.id]);
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sealer?.stop();
    await db?.close();
  });

  /** Submits the form that holds `button` and waits for the page it leads to. */
  const submit = (page: Page, button: string, url: string | RegExp) =>
    Promise.all([page.waitForURL(url), page.click(`main button:has-text("${button}")`)]);

  it('registers, applies; the recruiter moves the application; the candidate sees it all', async () => {
    const own = await browser.newContext();
    await own.clock.setFixedTime(clock.now());
    const page = await own.newPage();
    page.setDefaultTimeout(15_000);

    // Registration, then the confirmation link of the mail.
    await page.goto(`${base}/inscription`);
    await page.click('label[for="champ-kind-candidate"]');
    await page.fill('#champ-lastName', 'Rivière');
    await page.fill('#champ-firstName', 'Inès');
    await page.fill('#champ-email', candidateEmail);
    await page.fill('#champ-password', password);
    await page.click('main button:has-text("Créer mon compte")');
    await page.waitForSelector('h1:has-text("Vérifiez votre messagerie")');
    await page.goto(await linkFromMailbox(app, candidateEmail, 'Confirmez votre adresse'));
    expect(await page.textContent('h1')).toBe('Adresse confirmée');
    await signIn(page, base, { email: candidateEmail, password, landing: `${base}/candidat` });

    // The profile: contact, then one job of the career.
    await page.goto(`${base}/candidat/profil/identite`);
    await page.fill('#champ-phone', '06 11 22 33 44');
    await submit(page, 'Enregistrer', `${base}/candidat/profil?fait=identite`);
    await page.goto(`${base}/candidat/profil/parcours`);
    await page.fill('#champ-title', 'Assistante de conservation');
    await page.fill('#champ-employer', 'Médiathèque de Vitré');
    await page.fill('#champ-from', '03/2021');
    await submit(page, 'Ajouter cet emploi', `${base}/candidat/profil?fait=parcours`);
    const profile = await page.textContent('main');
    expect(profile).toContain('Assistante de conservation');
    expect(profile).toContain('Médiathèque de Vitré');

    // A CV, as a PDF.
    await page.goto(`${base}/candidat/cv`);
    await page.setInputFiles('#champ-cv', {
      name: 'cv-ines.pdf',
      mimeType: 'application/pdf',
      buffer: await smallCv(),
    });
    await submit(page, 'Déposer ce CV', `${base}/candidat/cv?fait=ajout`);
    expect(await page.textContent('main')).toContain('cv-ines');

    // A word search finds the offer, by its stem, without the other employer's.
    await page.goto(`${base}/offres`);
    await page.fill('#champ-q', 'archives');
    await Promise.all([page.waitForURL(/\/offres\?q=archives/), page.click('main button:has-text("Rechercher")')]);
    const results = await page.textContent('main');
    expect(results).toContain('Archiviste (H/F)');
    expect(results).not.toContain('Mairie de Brest');
    await page.locator('main a:visible:has-text("Archiviste (H/F)")').first().click();
    await page.waitForSelector('h1:has-text("Archiviste (H/F)")');
    await Promise.all([
      page.waitForURL(/\/candidat\/candidatures\/nouvelle\?offre=/),
      page.click('main a:has-text("Postuler")'),
    ]);
    expect(page.url()).toBe(`${base}/candidat/candidatures/nouvelle?offre=${encodeURIComponent(reference)}`);
    await page.fill('#champ-message', 'Archiviste depuis cinq ans, je serais heureuse de rejoindre votre service.');
    await page.click('main label:has-text("cv-ines")');
    await submit(page, 'Envoyer ma candidature', `${base}/candidat/candidatures?fait=envoyee`);
    const sent = await page.textContent('main');
    expect(sent).toContain('Votre candidature est envoyée au recruteur.');
    expect(sent).toContain('Archiviste (H/F)');

    // The recruiter logs in with password and TOTP, opens the application and moves it.
    const desk = await browser.newContext();
    await desk.clock.setFixedTime(clock.now());
    const work = await desk.newPage();
    work.setDefaultTimeout(15_000);
    await signIn(work, base, { email: recruiterEmail, password, code, landing: `${base}/recrutement` });
    await work.goto(`${base}/recrutement/candidatures`);
    expect(await work.textContent('main')).toContain('Archiviste (H/F)');
    await Promise.all([
      work.waitForURL(/\/recrutement\/candidatures\/[0-9a-f-]{36}$/),
      work.locator('main a:visible:has-text("Ouvrir")').first().click(),
    ]);
    const opened = await work.textContent('main');
    expect(opened).toContain('Archiviste depuis cinq ans');
    expect(opened).toContain('Assistante de conservation');
    await work.selectOption('#champ-statut', 'interview');
    await submit(work, 'Enregistrer le statut', /\?fait=statut$/);
    expect(await work.textContent('main')).toContain('Entretien');
    await desk.close();

    // The candidate sees the new status, the mail about it, and the recruiter's read.
    await page.goto(`${base}/candidat/candidatures`);
    expect(await page.textContent('main')).toContain('Entretien');
    const mails = (await openMailbox(app)).filter((mail) => mail.to === candidateEmail);
    expect(mails.map((mail) => mail.subject)).toContain('[rempart] Votre candidature a évolué');
    let accesses = '';
    for (let tries = 0; tries < 40 && !accesses.includes(employerName); tries++) {
      await page.goto(`${base}/mes-acces`);
      accesses = (await page.textContent('main')) ?? '';
      if (!accesses.includes(employerName)) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const row = page.locator('main table tbody tr', { hasText: employerName }).first();
    expect(await row.textContent()).toContain('Recruteur');
    expect(accesses).not.toContain(recruiterEmail);
    expect(accesses).not.toContain('Aucun organisme n’a consulté vos données.');
    await own.close();
  }, 90_000);
});
