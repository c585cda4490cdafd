import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { openTestDb } from './support/databases.js';
import { openPageAudit, sessionsFor } from './support/open-page-audit.js';
import { PageAudit, uncoveredPages } from './support/page-audit.js';
import { identityApp } from './support/identity.js';
import { twoTrainingOrganisations } from './support/training.js';

/**
 * Every page of the training organisations' portal in Chromium, at a desktop size and a
 * phone's: axe-core, French typography, actions within the phone's screen, no missing file
 * (test/support/page-audit.ts). The pages with their forms in error and with the contact shown
 * are checked too.
 */
describe('the training organisations’ pages, on a desktop and on a phone', () => {
  let db: Db;
  let app: FastifyInstance;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let audit: PageAudit;
  let base: string;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db);
    app = built.app;
    world = await twoTrainingOrganisations(db, built.vault);
    // A referral already entered, so its page offers the three declarations.
    await db.query("UPDATE referrals SET status = 'entered' WHERE id = $1", [world.referralB]);
    ({ audit, page, base, close } = await openPageAudit(
      app,
      sessionsFor(db, {
        of_user: world.actors.ofUserA.kind === 'account' ? world.actors.ofUserA.accountId : '',
        of_manager: world.actors.ofManagerB.kind === 'account' ? world.actors.ofManagerB.accountId : '',
      }),
    ));
  });
  afterAll(async () => {
    await close?.();
    await app?.close();
    await db?.close();
  });

  it('passes for every page an OF user and an RGC see', async () => {
    await page.goto(`${base}/connexion`);
    for (const [route, path] of [
      ['/organisme', '/organisme'],
      ['/organisme/sessions', '/organisme/sessions'],
      ['/organisme/sessions/nouvelle', '/organisme/sessions/nouvelle'],
      ['/organisme/sessions/import', '/organisme/sessions/import'],
      ['/organisme/sessions/:id', `/organisme/sessions/${world.sessionA}`],
      ['/organisme/declarations', '/organisme/declarations'],
      ['/organisme/orientations/:id', `/organisme/orientations/${world.referralA}`],
    ] as const) {
      await audit.visit(route, path, 'of_user');
    }
    // The contact, shown on demand.
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Voir les coordonnées")')]);
    expect(await page.textContent('main')).toContain(world.traineeA.email!);
    await audit.check('POST /organisme/orientations/:id/coordonnees', 'of_user');
    // A new session sent back with its errors.
    await page.goto(`${base}/organisme/sessions/nouvelle`);
    await page.evaluate(() =>
      document.querySelector('form[action="/organisme/sessions/nouvelle"]')?.setAttribute('novalidate', ''),
    );
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Créer la session")')]);
    expect(await page.locator('.fr-input-group--error').count()).toBeGreaterThan(2);
    await audit.check('POST /organisme/sessions/nouvelle (erreurs)', 'of_user');
    // An import with a rejected row.
    await page.goto(`${base}/organisme/sessions/import`);
    await page.fill(
      '#champ-csv',
      'intitule;formacode;debut;fin;lieu;departement;places;financement\nBonne session;31054;01/02/2027;30/06/2027;Lyon;69;12;AFC\nx;1;;;;;;',
    );
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Importer")')]);
    expect(await page.textContent('main')).toContain('1 session importée, 1 ligne refusée');
    await audit.check('POST /organisme/sessions/import (rapport)', 'of_user');

    await audit.visit('/organisme/securite', '/organisme/securite', 'of_manager');
    await audit.visit('/organisme (RGC)', '/organisme', 'of_manager');
    await audit.visit(
      '/organisme/orientations/:id (en formation)',
      `/organisme/orientations/${world.referralB}`,
      'of_manager',
    );
    // The three declarations' forms; one sent back with its error.
    await page.evaluate(() => document.querySelectorAll('form').forEach((form) => form.setAttribute('novalidate', '')));
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Déclarer : sortie de formation")')]);
    expect(await page.locator('.fr-input-group--error, .fr-select-group--error').count()).toBeGreaterThan(0);
    await audit.check('POST /organisme/orientations/:id/sortie (erreurs)', 'of_manager');

    expect(audit.report).toEqual(audit.clean());
    // The import page's script is a script, not a page.
    const mine = (url: string) => url === '/organisme' || url.startsWith('/organisme/');
    expect(uncoveredPages(app, audit.pages, mine)).toEqual([]);
  });
});
