import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sealer } from '../src/audit/index.js';
import type { Db } from '../src/db/client.js';
import { approveStaffAccount, requestStaffAccount } from '../src/identity/accounts/staff-requests.js';
import { fixedClock } from '../src/kernel/clock.js';
import { seedPeople, seedReferralEvents } from '../src/seed/seed.purposes.js';
import { followTrainees } from '../src/training/training.purposes.js';
import type { Actor, Vault } from '../src/vault/index.js';
import { freePort, launchChromium, withAuthenticator } from './support/browser.js';
import { openTestDb } from './support/databases.js';
import { person, system } from './support/fixtures.js';
import { addAccount, identityApp, twoAdmins } from './support/identity.js';
import { linkFromMailbox } from './support/mail.js';
import { activateWithPasskey, signIn } from './support/sign-in.js';

/**
 * The advisor's journey in Chromium, from a real login with a passkey: search the portfolio,
 * open the job seeker, refer them to a session with a note, then follow the training once the
 * organisation has declared the entry; and the job seeker, logged in with their password,
 * sees the referral and its progress in their space, and in « Mes accès » the advisor's and the
 * organisation's reads, named by role and organisation only.
 */
describe('the advisor’s journey and the job seeker’s space in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  let browser: Browser;
  let base: string;
  let invitationLink: string;
  const clock = fixedClock(new Date('2026-11-21T08:00:00Z'));
  const advisorEmail = `claire.${randomUUID().slice(0, 6)}@agence.fr`;
  const seekerEmail = `karim.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Conseillère en insertion depuis 2011 !';
  const seeker = person({ lastName: 'Benali', firstName: 'Karim', franceTravailId: '7654321K' });
  let advisorId: string;
  let sealer: Sealer;
  let ofUser: Actor;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const port = await freePort();
    base = `http://localhost:${port}`;
    const built = await identityApp(db, { clock, publicUrl: base });
    app = built.app;
    vault = built.vault;
    // The sealer files each read under the people it names, for « Mes accès », off the read
    // path: it runs in the background as `rempart serve` runs it.
    sealer = built.platform.sealer;
    sealer.start();
    const { agency, admins } = await twoAdmins(db, vault);
    advisorId = await requestStaffAccount(built.accounts, admins[0], {
      email: advisorEmail,
      role: 'advisor',
      organisationId: agency,
      displayName: 'Claire Dubois',
    });
    await approveStaffAccount(built.accounts, admins[1], advisorId);
    invitationLink = await linkFromMailbox(app, advisorEmail, 'Invitation');
    await vault.write(system, seedPeople, [seeker]);
    await addAccount(vault, { role: 'job_seeker', personId: seeker.id, email: seekerEmail, password });
    await db.query('INSERT INTO portfolios (advisor_id, person_id) VALUES ($1, $2)', [advisorId, seeker.id]);
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'AFPA Rennes', '77777777777777')",
      [organisation],
    );
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on, capacity)
       VALUES ($1, $2, 'Titre professionnel Secrétaire assistant', '35054', '35', 'Rennes', '2026-12-01', '2027-05-28', 12),
              ($3, $2, 'Anglais professionnel', '15234', '35', 'Rennes', '2026-12-07', '2027-01-29', 10)`,
      [randomUUID(), organisation, randomUUID()],
    );
    const of = await addAccount(vault, { role: 'of_user', organisationId: organisation });
    ofUser = {
      kind: 'account',
      accountId: of.id,
      role: 'of_user',
      organisationId: organisation,
      personId: null,
      sessionId: null,
      clientAddr: '127.0.0.1',
    };
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sealer?.stop();
    await db?.close();
  });

  it('searches, refers with a note, follows; the job seeker sees it', async () => {
    const { context, page } = await withAuthenticator(browser, clock);
    // The advisor activates their account with a passkey, then logs in with it: home is the portfolio.
    await activateWithPasskey(page, base, {
      invitationLink,
      password,
      keyName: 'Poste de l’agence',
      landing: `${base}/conseiller`,
    });
    expect(await page.textContent('h1')).toBe('Mon portefeuille');

    // Search by nom and prénom, as typed, without accents.
    await page.fill('#champ-nom', 'benali');
    await page.fill('#champ-prenom', 'karim');
    await Promise.all([
      page.waitForURL(`${base}/conseiller/recherche`),
      page.click('main button:has-text("Rechercher")'),
    ]);
    await Promise.all([
      page.waitForURL(`${base}/conseiller/demandeurs/${seeker.id}`),
      page.locator('main a:visible:has-text("BENALI Karim")').first().click(),
    ]);
    expect(await page.textContent('main')).toContain('7654321K');

    // Refer: narrow the sessions by a word, choose one, write a note.
    await page.click('main a:has-text("Orienter vers une formation")');
    await page.fill('#champ-texte', 'secrétaire');
    await Promise.all([page.waitForURL(/\?texte=secr/), page.click('main button:has-text("Chercher")')]);
    expect(await page.locator('input[name="session"]').count()).toBe(1);
    await page.click('label:has-text("Titre professionnel Secrétaire assistant")');
    await page.fill('#champ-note', 'Projet validé en entretien, disponible dès décembre.');
    await Promise.all([
      page.waitForURL(`${base}/conseiller/demandeurs/${seeker.id}?orientation=envoyee`),
      page.click('main button:has-text("Envoyer l’orientation")'),
    ]);
    const sent = await page.textContent('main');
    expect(sent).toContain('L’orientation est envoyée');
    expect(sent).toContain('Orientation envoyée');
    expect(sent).toContain('Projet validé en entretien');

    // The organisation reads its new trainee, as its trainee list does (through the one door),
    // accepts and declares the entry (its own pages, issue 10, OF side).
    expect((await vault.read(ofUser, followTrainees, [seeker.id])).map((read) => read.id)).toEqual([seeker.id]);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM referrals WHERE person_id = $1', [seeker.id]);
    await db.query("UPDATE referrals SET status = 'entered' WHERE id = $1", [rows[0]!.id]);
    await vault.write(system, seedReferralEvents, [
      {
        id: randomUUID(),
        referralId: rows[0]!.id,
        kind: 'entry',
        occurredOn: '2026-12-01',
        detail: 'Entrée en formation confirmée.',
        declaredBy: null,
      },
    ]);
    await page.click('header a:has-text("Suivi des orientations")');
    await page.waitForURL(`${base}/conseiller/suivi`);
    const follow = await page.textContent('main');
    expect(follow).toContain('BENALI Karim');
    expect(follow).toContain('En formation');
    expect(follow).toContain('Entrée en formation, le 1er décembre 2026');
    await context.close();

    // The job seeker logs in with their password and lands on their space.
    const own = await browser.newContext();
    await own.clock.setFixedTime(clock.now());
    const mine = await own.newPage();
    await signIn(mine, base, { email: seekerEmail, password, landing: `${base}/demandeur` });
    const space = await mine.textContent('main');
    expect(space).toContain('Titre professionnel Secrétaire assistant');
    expect(space).toContain('AFPA Rennes');
    expect(space).toContain('En formation');
    expect(space).toContain('Entrée en formation, le 1er décembre 2026');
    expect(await mine.locator('main a[href="/mes-acces"]').count()).toBe(1);

    // « Mes accès »: the advisor's reads and the organisation's, by role and organisation,
    // once the sealer has filed them (in the background: bounded polling).
    const filed = () => mine.locator('main table tbody tr');
    for (let tries = 0; tries < 40; tries++) {
      await mine.goto(`${base}/mes-acces`);
      const rows = (await filed().allTextContents()).join('\n');
      if (rows.includes('Agence de Limoges') && rows.includes('AFPA Rennes')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const advisorRow = await filed().filter({ hasText: 'Agence de Limoges' }).first().textContent();
    expect(advisorRow).toContain('Conseiller France Travail');
    const ofRow = await filed().filter({ hasText: 'AFPA Rennes' }).first().textContent();
    expect(ofRow).toContain('Utilisateur d’organisme de formation');
    const accesses = await mine.textContent('main');
    expect(accesses).not.toContain('Claire Dubois');
    expect(accesses).not.toContain(advisorEmail);
    await own.close();
  }, 180_000);
});
