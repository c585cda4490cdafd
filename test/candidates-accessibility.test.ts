import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../src/candidates/testing.js';
import type { Db } from '../src/db/client.js';
import { reviewApplicants } from '../src/recruiting/recruiting.purposes.js';
import { followTrainees } from '../src/training/training.purposes.js';
import { openTestDb } from './support/databases.js';
import { openPageAudit, sessionsFor } from './support/open-page-audit.js';
import { twoOrganisations } from './support/fixtures.js';
import { addAccount, identityApp } from './support/identity.js';
import { PageAudit, uncoveredPages } from './support/page-audit.js';

/** The pages of the candidate's space and of « Mes données » / « Mes accès »; h8 covers /candidat/candidatures. */
const MINE = ['/candidat', '/mes-donnees', '/mes-acces'];
const mine = (url: string) =>
  MINE.some((prefix) => url === prefix || url.startsWith(`${prefix}/`)) &&
  !(url === '/candidat/candidatures' || url.startsWith('/candidat/candidatures/'));

/**
 * Every page of the candidate's space and of the citizens' « Mes données » and « Mes accès », in
 * Chromium at a desktop size and a phone's: axe-core, French typography, actions within the
 * phone's screen, no missing file (test/support/page-audit.ts), with real data on each.
 */
describe('the candidate’s space and the citizens’ privacy pages, on a desktop and on a phone', () => {
  let db: Db;
  let app: FastifyInstance;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let audit: PageAudit;
  let base: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db);
    app = built.app;
    const kit = await twoOrganisations(db, built.vault);
    const candidate = kit.actors.candidateA;
    const seeker = await addAccount(built.vault, { role: 'job_seeker', personId: kit.traineeA.id });
    // Readers for « Mes accès »: a recruiter and a training organisation.
    await built.vault.read(kit.actors.recruiterA, reviewApplicants, [kit.applicantA.id]);
    await built.vault.read(kit.actors.ofUserA, followTrainees, [kit.traineeA.id]);
    await built.platform.sealer.sealNow();
    ({ audit, page, base, close } = await openPageAudit(
      app,
      sessionsFor(db, {
        candidate: candidate.kind === 'account' ? candidate.accountId : '',
        job_seeker: seeker.id,
      }),
    ));
  });
  afterAll(async () => {
    await close?.();
    await app?.close();
    await db?.close();
  });

  it('passes on every page of the candidate’s space', { timeout: 300_000 }, async () => {
    await page.goto(`${base}/connexion`);
    for (const route of [
      '/candidat',
      '/candidat/profil',
      '/candidat/profil/identite',
      '/candidat/profil/parcours',
      '/candidat/profil/souhaits',
      '/candidat/profil/vivier',
      '/candidat/cv',
      '/mes-donnees',
      '/mes-donnees/lisible',
      '/mes-donnees/suppression',
      '/mes-acces',
    ]) {
      await audit.visit(route, route, 'candidate');
    }
    expect(audit.report).toEqual(audit.clean());
  });

  it('passes with a CV in the list, and with a form’s errors', { timeout: 300_000 }, async () => {
    await audit.visit('/candidat/cv', '/candidat/cv', 'candidate');
    // A CV in the list, then a file named .pdf that is not one: the field's error.
    const dir = os.tmpdir();
    const good = path.join(dir, `cv-${process.pid}.pdf`);
    const bad = path.join(dir, `faux-${process.pid}.pdf`);
    writeFileSync(good, await samplePdf());
    writeFileSync(bad, 'ceci n’est pas un PDF');
    await page.setInputFiles('#champ-cv', good);
    await Promise.all([page.waitForURL(/fait=ajout/), page.click('button:has-text("Déposer ce CV")')]);
    await audit.check('/candidat/cv (liste)', 'candidate');
    await page.setInputFiles('#champ-cv', bad);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Déposer ce CV")')]);
    expect(await page.locator('.fr-upload-group--error').count()).toBe(1);
    await audit.check('POST /candidat/cv (erreur)', 'candidate');
    // Over 2 Mo: the browser gets the page with the field's error, not a broken connection.
    const big = path.join(dir, `gros-${process.pid}.pdf`);
    writeFileSync(big, Buffer.concat([await samplePdf(), Buffer.alloc(3 * 1024 * 1024)]));
    await page.setInputFiles('#champ-cv', big);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Déposer ce CV")')]);
    expect(await page.textContent('#champ-cv-erreur')).toContain('dépasse 2');
    // A career form sent back with its errors.
    await page.goto(`${base}/candidat/profil/parcours`);
    await page.evaluate(() =>
      document.querySelector('form[action="/candidat/profil/parcours"]')?.setAttribute('novalidate', ''),
    );
    await page.fill('#champ-from', '2021');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Ajouter cet emploi")')]);
    expect(await page.locator('.fr-input-group--error').count()).toBeGreaterThan(0);
    await audit.check('POST /candidat/profil/parcours (erreurs)', 'candidate');
    expect(audit.report).toEqual(audit.clean());
  });

  it(
    'passes on « Mes données » and « Mes accès » for a job seeker, and covers every page',
    { timeout: 300_000 },
    async () => {
      for (const route of ['/mes-donnees', '/mes-donnees/lisible', '/mes-donnees/suppression', '/mes-acces']) {
        await audit.visit(route, route, 'job_seeker');
      }
      await audit.visit('/mes-donnees/supprime', '/mes-donnees/supprime', 'visiteur');

      expect(audit.report).toEqual(audit.clean());
      expect(uncoveredPages(app, audit.pages, mine)).toEqual([]);
    },
  );
});
