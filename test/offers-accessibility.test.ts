import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { fixedClock } from '../src/kernel/clock.js';
import { insertEmployer, insertOffer } from '../src/offers/offers.fixtures.js';
import { openTestDb } from './support/databases.js';
import { openPageAudit, sessionsFor } from './support/open-page-audit.js';
import { addAccount, identityApp } from './support/identity.js';
import { PageAudit, uncoveredPages } from './support/page-audit.js';

const OFFER_PREFIXES = ['/offres', '/recrutement/offres'];

/**
 * Every page of the offers in Chromium, at a desktop size and a phone's: the public search and
 * an offer's page (as a visitor and as a candidate), the alerts, and a recruiter's list, form,
 * offer and publication (with its art. 4 warning and a form sent back with errors): axe-core,
 * French typography, actions within a phone's screen, no missing file.
 */
describe('the offers’ pages, on a desktop and on a phone', () => {
  let db: Db;
  let app: FastifyInstance;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let audit: PageAudit;
  let base: string;
  let published: { id: string; reference: string };
  let draft: { id: string; reference: string };

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db, { clock: fixedClock(new Date()) });
    app = built.app;
    const employer = await insertEmployer(db, 'Centre hospitalier de Vannes', 'hospitaliere');
    published = await insertOffer(db, employer, {
      versant: 'hospitaliere',
      publishedOn: new Date().toISOString().slice(0, 10),
      fields: { title: 'Infirmier en soins généraux (H/F)', conditions: 'Diplôme d’État d’infirmier.' },
    });
    draft = await insertOffer(db, employer, {
      status: 'draft',
      fields: { title: 'Aide-soignant de nuit (H/F)', applyTo: '' },
    });
    const candidate = await addAccount(built.vault, { role: 'candidate' });
    const recruiter = await addAccount(built.vault, { role: 'recruiter', organisationId: employer });
    await db.query(
      `INSERT INTO saved_searches (id, account_id, label, criteria, alerted_up_to) VALUES (gen_random_uuid(), $1, 'Infirmier dans le Morbihan', $2::jsonb, now())`,
      [candidate.id, JSON.stringify({ text: 'infirmier', departement: '56' })],
    );
    ({ audit, page, base, close } = await openPageAudit(
      app,
      sessionsFor(db, { candidate: candidate.id, recruiter: recruiter.id }),
    ));
  });
  afterAll(async () => {
    await close?.();
    await app?.close();
    await db?.close();
  });

  it('passes for every page of the offers', async () => {
    await page.goto(`${base}/offres`);
    await audit.visit('/offres', '/offres', 'visiteur');
    await audit.visit('/offres (résultats)', '/offres?q=infirmier&tri=pertinence', 'visiteur');
    await audit.visit('/offres/:reference', `/offres/${published.reference}`, 'visiteur');
    // The sessions ride on the CSRF cookie's attributes: a page with a form sets it.
    await page.goto(`${base}/connexion`);
    await audit.visit('/offres (candidat)', '/offres?q=infirmier', 'candidate');
    await audit.visit('/offres/:reference (candidat)', `/offres/${published.reference}`, 'candidate');
    expect(await page.locator('main a:has-text("Postuler")').count()).toBeGreaterThan(0);
    await audit.visit('/offres/alertes', '/offres/alertes', 'candidate');
    await audit.visit('/offres/alertes/nouvelle', '/offres/alertes/nouvelle?q=infirmier&departement=56', 'candidate');

    await audit.visit('/recrutement/offres', '/recrutement/offres', 'recruiter');
    await audit.visit('/recrutement/offres/nouvelle', '/recrutement/offres/nouvelle', 'recruiter');
    // The form sent back with its errors, each field marked.
    await page.fill('#champ-title', '');
    await page.fill('#champ-departement', '999');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Enregistrer le brouillon")')]);
    expect(await page.locator('.fr-input-group--error').count()).toBeGreaterThan(1);
    await audit.check('POST /recrutement/offres/nouvelle (erreurs)', 'recruiter');
    await audit.visit('/recrutement/offres/:id', `/recrutement/offres/${published.id}`, 'recruiter');
    await audit.visit(
      '/recrutement/offres/:id/modification',
      `/recrutement/offres/${published.id}/modification`,
      'recruiter',
    );
    await audit.visit(
      '/recrutement/offres/:id/publication',
      `/recrutement/offres/${draft.id}/publication`,
      'recruiter',
    );
    // The art. 4 warning, on an incomplete draft: both alerts and the confirmation box.
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#champ-until', soon);
    await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Publier")')]);
    expect(await page.locator('.fr-alert--warning').count()).toBe(1);
    await audit.check('POST /recrutement/offres/:id/publication (avertissement)', 'recruiter');

    expect(audit.report).toEqual(audit.clean());
    const ours = (url: string) => OFFER_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
    expect(uncoveredPages(app, audit.pages, ours)).toEqual([]);
  }, 600_000);
});
