import { randomUUID } from 'node:crypto';
import { seedPeople } from '../src/seed/seed.purposes.js';
import type { FastifyInstance } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { requestStaffAccount } from '../src/identity/accounts/staff-requests.js';
import { argon2Hasher } from '../src/identity/login/argon2-hasher.js';
import { resumePage } from '../src/identity/pages/passkeys.page.js';
import { testAddressTagKey } from '../src/http/test-helpers.js';
import { issueToken } from '../src/identity/tokens.js';
import { newTotpSecret, totpStep } from '../src/identity/totp/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { systemRandom } from '../src/kernel/random.js';
import { createNotify } from '../src/mail/index.js';
import {
  layoutProblems,
  PageAudit,
  portalPrefixes,
  uncoveredPages,
  violations,
  VIEWPORTS,
  wording,
} from './support/page-audit.js';
import { openTestDb } from './support/databases.js';
import { openPageAudit, sessionsFor } from './support/open-page-audit.js';
import { person, system } from './support/fixtures.js';
import { addAccount, identityApp, TEST_PUBLIC_URL } from './support/identity.js';
import { signIn } from './support/sign-in.js';

/**
 * Every page of the platform in Chromium, at a desktop size and a phone's (375 × 812): axe-core
 * finds no violation; every action of the page is within the phone's screen, nothing is wider
 * than it, and the menu button shares its row; the text follows French typography and names the
 * second factor one way; no file the page asks for is missing. Automated rules find a part of
 * what an RGAA audit does, not all of it; the accessibility statement says so.
 */
describe('every page, on a desktop and on a phone', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let page: Page;
  let audit: PageAudit;
  let close: (() => Promise<void>) | undefined;
  const email = `ines.${randomUUID().slice(0, 6)}@exemple.fr`;
  const totpEmail = `yanis.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Une phrase de passe très longue 2026 !';
  const totpSecret = newTotpSecret(systemRandom);
  let organisationId: string;
  let passwordStep: string;
  let factorStep: string;
  let clock: { now(): Date };

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db);
    app = built.app;
    clock = built.clock;
    const [citizen, withTotp] = [person({ kind: 'candidate' }), person({ kind: 'job_seeker' })];
    await built.vault.write(system, seedPeople, [citizen, withTotp]);
    const candidate = await addAccount(built.vault, { role: 'candidate', personId: citizen.id, email, password });
    const seeker = await addAccount(built.vault, {
      role: 'job_seeker',
      personId: withTotp.id,
      email: totpEmail,
      password,
    });
    await built.vault.storeTotpSecret(seeker.id, totpSecret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [seeker.id]);
    organisationId = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'Organisme de formation de Rennes', '22222222222222')",
      [organisationId],
    );
    const [admin, asker] = [
      await addAccount(built.vault, { role: 'admin', organisationId }),
      await addAccount(built.vault, { role: 'admin', organisationId }),
    ];
    await addAccount(built.vault, {
      role: 'of_user',
      organisationId,
      email: `camille.${randomUUID().slice(0, 4)}@of.fr`,
    });
    // A request waiting for the admin's decision, so the queue has its buttons.
    const deps = {
      db,
      vault: built.vault,
      accessLog: built.accessLog,
      clock: systemClock,
      random: systemRandom,
      passwords: argon2Hasher,
      notify: createNotify({ clock: systemClock, random: systemRandom }),
      publicUrl: TEST_PUBLIC_URL,
      addressTagKey: testAddressTagKey,
    };
    const actor = {
      kind: 'account' as const,
      accountId: asker.id,
      role: 'admin' as const,
      organisationId,
      personId: null,
      sessionId: null,
      clientAddr: '127.0.0.1',
    };
    await requestStaffAccount(deps, actor, {
      displayName: 'Élodie Marchand',
      email: `elodie.${randomUUID().slice(0, 4)}@of.fr`,
      role: 'of_user',
      organisationId,
      reason: 'arrival',
    });
    // Invitations at their two steps: no password chosen yet, and the factor still to enrol.
    const invite = async (withPassword: boolean) => {
      const invited = await addAccount(built.vault, {
        role: 'of_user',
        organisationId,
        password: withPassword ? password : undefined,
      });
      await db.query("UPDATE accounts SET status = 'pending' WHERE id = $1", [invited.id]);
      return issueToken(db, {
        accountId: invited.id,
        purpose: 'invitation',
        ttlMs: 3_600_000,
        clock: systemClock,
        random: systemRandom,
      });
    };
    passwordStep = await invite(false);
    factorStep = await invite(true);
    // The resume page shows a form kept by the kit during a step-up; drawn here with sample fields.
    app.get('/essai/reprise', { config: { access: { level: 'public' } } }, async (_request, reply) =>
      reply.page(
        resumePage({
          csrfToken: reply.csrfToken(),
          url: '/gestion/comptes/approuver',
          label: 'approuver la demande de compte',
          fields: { account: randomUUID() },
          cancel: '/compte',
        }),
      ),
    );
    ({ audit, page, base, close } = await openPageAudit(
      app,
      sessionsFor(db, { candidate: candidate.id, admin: admin.id }),
    ));
  });
  afterAll(async () => {
    await close?.();
    await app?.close();
    await db?.close();
  });

  it('passes for every page a visitor, a citizen and a manager see', async () => {
    await page.goto(`${base}/connexion`);
    for (const [route, path] of [
      ['/', '/'],
      ['/accessibilite', '/accessibilite'],
      ['/donnees-personnelles', '/donnees-personnelles'],
      ['/connexion', '/connexion?session=expiree'],
      ['/inscription', '/inscription'],
      ['/mot-de-passe-oublie', '/mot-de-passe-oublie'],
      ['/mot-de-passe/nouveau/:token', `/mot-de-passe/nouveau/${randomUUID()}`],
      ['/inscription/confirmer/:token', `/inscription/confirmer/${randomUUID()}`],
      ['/invitation/:token', `/invitation/${passwordStep}`],
      ['/invitation/:token (2)', `/invitation/${factorStep}`],
      ['/demo/boite-mail', '/demo/boite-mail'],
      ['404', '/nulle-part'],
      ['/compte/reprise', '/essai/reprise'],
    ] as const) {
      await audit.visit(route, path, 'visiteur');
    }

    // A form sent back with its errors, each field marked.
    await audit.as('visiteur');
    await page.goto(`${base}/inscription`);
    await page.fill('#champ-email', 'pas-une-adresse');
    await page.fill('#champ-password', 'court');
    await page.evaluate(() => document.querySelector('form[action="/inscription"]')?.setAttribute('novalidate', ''));
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Créer mon compte")')]);
    expect(await page.locator('.fr-input-group--error').count()).toBeGreaterThan(2);
    await audit.check('POST /inscription (erreurs)', 'visiteur');
    // The password is asked again, and can be shown (the DSFR's own script, no inline one).
    expect(await page.inputValue('#champ-password')).toBe('');
    await page.fill('#champ-password', 'Une phrase à vérifier');
    await page.click('label[for="champ-password-afficher"]');
    expect(await page.getAttribute('#champ-password', 'type')).toBe('text');
    await page.click('label[for="champ-password-afficher"]');
    expect(await page.getAttribute('#champ-password', 'type')).toBe('password');

    // The second step of a login, for an account with an authenticator application.
    await signIn(page, base, { email: totpEmail, password, landing: `${base}/connexion/verification` });
    await audit.check('/connexion/verification', 'visiteur');

    for (const route of [
      '/compte',
      '/compte/sessions',
      '/compte/cles',
      '/compte/mot-de-passe',
      '/compte/verification',
      '404',
      '403',
    ]) {
      const path = route === '404' ? '/nulle-part' : route === '403' ? '/gestion/comptes' : route;
      await audit.visit(route, path, 'candidate');
    }
    // Adding an authenticator application, then the recovery codes shown once.
    await audit.visit('/compte/totp', '/compte/totp', 'candidate');
    const secret = (await page.textContent('#cle-totp'))!.replace(/\s+/g, '');
    await page.fill(
      '#champ-code',
      HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) }),
    );
    await Promise.all([
      page.waitForSelector('h1:has-text("Vos codes de secours")'),
      page.click('button:has-text("Activer")'),
    ]);
    await audit.check('POST /compte/totp (codes de secours)', 'candidate');

    await audit.visit('/gestion/comptes', `/gestion/comptes?organisation=${organisationId}`, 'admin');
    expect(await page.locator('main button:has-text("Approuver")').count()).toBeGreaterThan(0);
    await audit.visit('/gestion/comptes/nouveau', '/gestion/comptes/nouveau', 'admin');

    // Control: the same checks do see faults on a page that has them.
    await page.setContent(
      '<html><body><main><img src="x.png"><input type="text"><p>Erreur : « faux »</p>' +
        '<button style="margin-left:600px">Approuver</button></main></body></html>',
    );
    expect((await violations(page)).join('\n')).toMatch(/html-has-lang[\s\S]*image-alt|image-alt[\s\S]*label/);
    expect(await wording(page)).toHaveLength(3);
    await page.setViewportSize(VIEWPORTS.phone);
    expect((await layoutProblems(page)).join('\n')).toContain('action hors de l’écran : « Approuver »');

    expect(audit.report).toEqual(audit.clean());
  }, 600_000);

  it('has covered every page the platform serves, but the portals’ own (each portal’s test covers those)', () => {
    const portals = (url: string) => portalPrefixes.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
    expect(uncoveredPages(app, audit.pages, (url) => !portals(url))).toEqual([]);
  });
});
