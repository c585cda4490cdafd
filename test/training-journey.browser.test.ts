import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { newTotpSecret, totpStep } from '../src/identity/totp/index.js';
import { fixedClock } from '../src/kernel/clock.js';
import { systemRandom } from '../src/kernel/random.js';
import { launchChromium, listenForBrowser } from './support/browser.js';
import { openTestDb } from './support/databases.js';
import { addAccount, identityApp } from './support/identity.js';
import { fillLogin, signIn } from './support/sign-in.js';
import { twoTrainingOrganisations } from './support/training.js';

/**
 * The OF journey of issue 10 in Chromium: an OF user logs in with password and TOTP, opens its
 * sessions, the session's trainees, accepts a referral, declares the entry, the month's
 * attendance and the exit; then the RGC makes passkeys the only way in, and the same login
 * is refused its TOTP step.
 */
describe('the training organisation’s journey in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const email = `camille.${randomUUID().slice(0, 6)}@of.fr`;
  const password = 'Une phrase de passe très longue 2026 !';
  const secret = newTotpSecret(systemRandom);
  const code = () => HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db, { clock });
    app = built.app;
    world = await twoTrainingOrganisations(db, built.vault);
    const user = await addAccount(built.vault, { role: 'of_user', organisationId: world.orgA, email, password });
    await built.vault.storeTotpSecret(user.id, secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [user.id]);
    base = await listenForBrowser(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('logs in with TOTP, accepts a trainee, declares entry, attendance and exit', async () => {
    const context = await browser.newContext();
    await context.clock.setFixedTime(clock.now());
    const page = await context.newPage();
    await signIn(page, base, { email, password, code, landing: `${base}/organisme` });
    expect(await page.textContent('h1')).toBe('Mon organisme de formation');

    await Promise.all([
      page.waitForURL(`${base}/organisme/sessions`),
      page.click('main a:has-text("Voir mes sessions")'),
    ]);
    await Promise.all([
      page.waitForURL(new RegExp(`/organisme/sessions/${world.sessionA}$`)),
      page.click('main a:has-text("Développeur web — A") >> visible=true'),
    ]);
    expect(await page.textContent('main')).toContain('1234567A');
    await Promise.all([
      page.waitForURL(new RegExp(`/organisme/orientations/${world.referralA}$`)),
      page.click('main a:has-text("Suivre") >> visible=true'),
    ]);
    expect(await page.textContent('h1')).toBe('Suivi de Hélène Dupré');

    await Promise.all([page.waitForURL(/fait=accept$/), page.click('button:has-text("Accepter")')]);
    await page.waitForLoadState('networkidle');
    await page.fill('#entree-on', '2026-10-02');
    await Promise.all([
      page.waitForURL(/fait=retard$/),
      page.click('button:has-text("Déclarer : entrée en formation")'),
    ]);
    expect(await page.textContent('main')).toContain('hors du délai de trois jours');
    await page.waitForLoadState('networkidle');
    await page.fill('#presence-month', '2026-10');
    await page.fill('#presence-days', '19');
    // October's attendance was due on 2 November: taken, marked late.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/presence')),
      page.click('button:has-text("Déclarer : présence du mois")'),
    ]);
    await page.waitForURL(/fait=retard$/);
    expect(await page.textContent('main')).toMatch(/Présence du mois\s:\soctobre 2026, 19 jours de présence/);
    await page.waitForLoadState('networkidle');
    await page.fill('#sortie-on', '2026-11-19');
    await page.selectOption('#sortie-outcome', 'certified');
    await Promise.all([
      page.waitForURL(/fait=sortie$/),
      page.click('button:has-text("Déclarer : sortie de formation")'),
    ]);
    const main = await page.textContent('main');
    expect(main).toContain('Formation achevée, certification obtenue');
    expect(main).toContain('19 jours de présence');
    expect(main).toContain('déclarée le 20 novembre 2026');
    const { rows } = await db.query<{ status: string }>('SELECT status FROM referrals WHERE id = $1', [
      world.referralA,
    ]);
    expect(rows[0]!.status).toBe('exited');
    await context.close();
  });

  it('refuses the TOTP step once the organisation requires passkeys', async () => {
    await db.query(`UPDATE organisations SET mfa_policy = '{"of_user": "passkey"}' WHERE id = $1`, [world.orgA]);
    clock.advance(60_000);
    const context = await browser.newContext();
    await context.clock.setFixedTime(clock.now());
    const page = await context.newPage();
    await fillLogin(page, base, email, password);
    // The answer is the login page again, at the same address: wait for its message, not for the
    // network to go quiet (which may happen before the answer on a loaded machine).
    await page.click('button[type="submit"]:has-text("Se connecter")');
    await page.locator('main', { hasText: 'Votre compte doit d’abord enregistrer une clé d’accès' }).waitFor();
    expect(page.url()).toBe(`${base}/connexion`);
    expect(await page.locator('#champ-code').count()).toBe(0);
    await context.close();
  });

  it('imports a CSV file in lots with a progress bar and the report of the rejected rows', async () => {
    await db.query("UPDATE organisations SET mfa_policy = '{}' WHERE id = $1", [world.orgA]);
    clock.advance(60_000);
    const context = await browser.newContext();
    await context.clock.setFixedTime(clock.now());
    const page = await context.newPage();
    await signIn(page, base, { email, password, code, landing: `${base}/organisme` });
    await page.goto(`${base}/organisme/sessions/import`);
    const rows = Array.from({ length: 250 }, (_, i) => `Session ${i};31054;01/02/2027;30/06/2027;Lyon;69;12;AFC`);
    rows[120] = 'Sans lieu;31054;01/02/2027;30/06/2027;;69;12;AFC';
    rows[230] = 'Mauvais financement;31054;01/02/2027;30/06/2027;Lyon;69;12;Bourse';
    const csv = ['intitule;formacode;debut;fin;lieu;departement;places;financement', ...rows].join('\n');
    await page.setInputFiles('#champ-fichier', {
      name: 'sessions.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.click('button:has-text("Importer")');
    await page.waitForSelector('#import-etat:has-text("Import terminé")');
    expect(await page.textContent('#import-etat')).toMatch(/248 sessions importées, 2 lignes refusées/);
    expect(
      await page.evaluate(() => (document.getElementById('import-progression') as HTMLProgressElement).value),
    ).toBe(250);
    const report = await page.locator('#import-rapport li').allTextContents();
    expect(report).toEqual([
      expect.stringMatching(/^Ligne 122\s: Indiquez le lieu de la session\.$/),
      expect.stringMatching(/^Ligne 232\s: Choisissez un financement\.$/),
    ]);
    const { rows: count } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM training_sessions WHERE organisation_id = $1 AND imported',
      [world.orgA],
    );
    expect(count[0]!.n).toBe(248);
    await context.close();
  });
});
