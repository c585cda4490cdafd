import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, withAuthenticator } from '../../test/support/browser.js';
import { openTestDb } from '../../test/support/databases.js';
import { twoOrganisations } from '../../test/support/fixtures.js';
import { addAccount, identityApp, twoAdmins } from '../../test/support/identity.js';
import { linkFromMailbox } from '../../test/support/mail.js';
import { activateWithPasskey } from '../../test/support/sign-in.js';
import { sessionsFor } from '../../test/support/open-page-audit.js';
import { PageAudit, uncoveredPages } from '../../test/support/page-audit.js';
import type { Db } from '../db/client.js';
import { raiseAlert } from '../guard/alerts.js';
import { suspendAccount } from '../identity/accounts/suspensions.js';
import { approveStaffAccount, requestStaffAccount } from '../identity/accounts/staff-requests.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { followTrainees } from '../training/training.purposes.js';

/**
 * The console in Chromium: a security officer enrols a passkey from their invitation and logs
 * in with it, lands on the console, and the charts are drawn under the platform's real CSP
 * (Chart.js from our own origin); then every page of the console, on a desktop and on a
 * phone, passes axe-core, French typography and the phone's layout checks.
 */
describe('the security officers’ console in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let invitationLink: string;
  let officerId: string;
  /** Another officer, active from the start, whose session the page audit holds. */
  let auditorId: string;
  let readerId: string;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const email = `veille.${randomUUID().slice(0, 6)}@plateforme.fr`;
  const password = 'Astreinte du soir au poste central, 2026 !';

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const port = await freePort();
    base = `http://localhost:${port}`;
    const built = await identityApp(db, { clock, publicUrl: base });
    app = built.app;
    const world = await twoOrganisations(db, built.vault);
    const { admins } = await twoAdmins(db, built.vault);
    const platform = randomUUID();
    await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'platform', 'Plateforme rempart')", [
      platform,
    ]);
    officerId = await requestStaffAccount(built.accounts, admins[0], {
      email,
      role: 'security_officer',
      organisationId: platform,
      displayName: 'Inès Veille',
    });
    await approveStaffAccount(built.accounts, admins[1], officerId);
    invitationLink = await linkFromMailbox(app, email, 'Invitation');
    auditorId = (await addAccount(built.vault, { role: 'security_officer', organisationId: platform })).id;
    // Something to see: reads, an out-of-scope probe, an alert, a suspension.
    readerId = world.actors.ofUserA.kind === 'account' ? world.actors.ofUserA.accountId : '';
    await built.vault.read(world.actors.ofUserA, followTrainees, [world.traineeA.id]);
    await built.vault.read(world.actors.ofUserA, followTrainees, [world.traineeB.id]);
    await built.vault.read(world.actors.ofManagerB, followTrainees, [world.traineeB.id]);
    const alert = { compte: readerId, role: 'of_user', finalite: 'training.follow_up', canaris: 1 };
    await raiseAlert(db, { clock, random: systemRandom }, 'guard.canary_read', alert, { compte: readerId });
    const advisorB = world.actors.advisorB.kind === 'account' ? world.actors.advisorB.accountId : '';
    await suspendAccount(built.accounts, admins[0], advisorB, 'investigation');
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('logs in with a passkey, lands on the console, and draws the charts under the CSP', async () => {
    const { context, page } = await withAuthenticator(browser, clock);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await activateWithPasskey(page, base, {
      invitationLink,
      password,
      keyName: 'Poste de veille',
      landing: `${base}/securite`,
    });
    expect(await page.textContent('h1')).toBe('Console de sécurité');
    const home = await page.textContent('main');
    expect(home).toContain('Consultation d’une personne leurre');
    expect(home).toContain('Vérification en cours par la sécurité');

    await Promise.all([
      page.waitForURL(`${base}/securite/consultations`),
      page.click('header a:has-text("Volumes consultés")'),
    ]);
    // Each chart drawn by Chart.js: its instance bound to the canvas, and pixels painted.
    await page.waitForSelector('canvas[data-dessine="oui"]');
    const drawn = await page.$$eval('canvas[data-graphique]', (canvases) =>
      canvases.map((canvas) => {
        const chart = (globalThis as unknown as { Chart: { getChart(c: unknown): unknown } }).Chart.getChart(canvas);
        const context = (canvas as HTMLCanvasElement).getContext('2d')!;
        const { width, height } = canvas as HTMLCanvasElement;
        const pixels = context.getImageData(0, 0, width, height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return { bound: chart !== undefined, width, painted };
      }),
    );
    expect(drawn).toHaveLength(3);
    for (const chart of drawn) {
      expect(chart.bound).toBe(true);
      expect(chart.width).toBeGreaterThan(0);
      expect(chart.painted).toBeGreaterThan(100);
    }
    expect(blocked).toEqual([]);
    await context.close();
  }, 180_000);

  it('passes axe-core, French typography and the phone’s layout on every page of the console', async () => {
    // axe is injected into the page, which our CSP forbids: this context alone bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      const userAgent = await page.evaluate(() => navigator.userAgent);
      const sessions = await sessionsFor(db, { security_officer: auditorId })(userAgent);
      const audit = new PageAudit(page, context, base, sessions);
      await page.goto(`${base}/connexion`);
      await audit.visit('/securite', '/securite', 'security_officer');
      await audit.visit('/securite/consultations', '/securite/consultations', 'security_officer');
      await page.waitForSelector('canvas[data-dessine="oui"]');
      await audit.check('/securite/consultations (graphiques dessinés)', 'security_officer');
      await audit.visit('/securite/comptes/:id', `/securite/comptes/${readerId}`, 'security_officer');
      // The holder, on demand.
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('main button:has-text("Afficher le titulaire du compte")'),
      ]);
      expect(await page.textContent('main')).toContain('Titulaire du compte');
      await audit.check('POST /securite/comptes/:id/titulaire', 'security_officer');
      // The kill switch's form sent back with its errors.
      await audit.visit('/securite', '/securite', 'security_officer');
      await page.click('label[for="champ-niveau-account"]');
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('main button:has-text("Activer le coupe-circuit")'),
      ]);
      expect(await page.locator('.fr-input-group--error, .fr-select-group--error').count()).toBeGreaterThan(0);
      await audit.check('POST /securite/coupe-circuit (erreurs)', 'security_officer');
      expect(audit.report).toEqual(audit.clean());
      const ours = (url: string) => url === '/securite' || url.startsWith('/securite/');
      expect(uncoveredPages(app, audit.pages, ours)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
