import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageAudit } from './support/open-page-audit.js';
import { PageAudit, uncoveredPages } from './support/page-audit.js';
import { recruitingWorld } from './support/recruiting.js';

/** Offers' pages under /recrutement are h6's, covered by its own test. */
const OFFERS = '/recrutement/offres';
const ours = (url: string) =>
  (url === '/recrutement' || url.startsWith('/recrutement/') || url.startsWith('/candidat/candidatures')) &&
  url !== OFFERS &&
  !url.startsWith(`${OFFERS}/`);

/**
 * Every recruiting page in Chromium, at a desktop size and a phone's: axe-core, French
 * typography, actions within the phone's screen (test/support/page-audit.ts). The pages are
 * filled first (a history with a message, a refusal, a pool search with results), so that what
 * is checked is what people see.
 */
describe('recruiting pages, on a desktop and on a phone', () => {
  let w: Awaited<ReturnType<typeof recruitingWorld>>;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let audit: PageAudit;
  let base: string;

  beforeAll(async () => {
    w = await recruitingWorld('pglite');
    const appA = await w.applicationOf(w.world.applicantA.id);
    await w.post(`/recrutement/candidatures/${appA}/statut`, 'recruiterA', { statut: 'interview', motif: '' });
    await w.post(`/recrutement/candidatures/${appA}/message`, 'recruiterA', {
      message: 'Bonjour,\nPouvez-vous venir mardi à 10 h ?',
    });
    // Sessions made now, for this browser: the pages' own clock is the system's.
    ({ audit, page, base, close } = await openPageAudit(w.app, async (agent) => {
      const open = (who: 'recruiterA' | 'managerA' | 'candidateA') =>
        w.openSession(who, { addr: '127.0.0.1', agent, now: new Date() });
      return {
        recruiter: await open('recruiterA'),
        recruiter_manager: await open('managerA'),
        candidate: await open('candidateA'),
      };
    }));
  }, 180_000);
  afterAll(async () => {
    await close?.();
    await w?.app.close();
    await w?.db.close();
  });

  it('passes for every page a recruiter, a manager and a candidate see', async () => {
    await page.goto(`${base}/connexion`);
    const appA = await w.applicationOf(w.world.applicantA.id);
    const { rows } = await w.db.query<{ reference: string }>(
      'SELECT o.reference FROM offers o WHERE o.employer_id = $1',
      [w.world.employerB],
    );
    await audit.visit('/recrutement', '/recrutement', 'recruiter');
    await audit.visit('/recrutement (gestionnaire)', '/recrutement', 'recruiter_manager');
    await audit.visit('/recrutement/candidatures', '/recrutement/candidatures', 'recruiter');
    await audit.visit('/recrutement/candidatures/:id', `/recrutement/candidatures/${appA}`, 'recruiter');
    // The status form sent back with its error.
    await page.selectOption('#champ-statut', 'rejected');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Enregistrer le statut")')]);
    expect(await page.locator('.fr-select-group--error').count()).toBe(1);
    await audit.check('POST /recrutement/candidatures/:id/statut (erreur)', 'recruiter');

    await audit.visit('/candidat/candidatures', '/candidat/candidatures', 'candidate');
    await audit.visit('/candidat/candidatures/:id', `/candidat/candidatures/${appA}`, 'candidate');
    expect(await page.textContent('main')).toContain('Pouvez-vous venir mardi');
    await audit.visit(
      '/candidat/candidatures/nouvelle',
      `/candidat/candidatures/nouvelle?offre=${rows[0]!.reference}`,
      'candidate',
    );

    await audit.visit(
      '/recrutement/vivier',
      '/recrutement/vivier?region=Bretagne&langue=en&niveau=B1',
      'recruiter_manager',
    );
    expect(await page.textContent('main')).toContain('Profil 1');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Ouvrir le profil")')]);
    expect(await page.textContent('h1')).toContain('Maël Le Gall');
    await audit.check('POST /recrutement/vivier/profil', 'recruiter_manager');

    expect(audit.report).toEqual(audit.clean());
  }, 600_000);

  it('has covered every recruiting page but the offers’ (h6 covers those)', () => {
    expect(uncoveredPages(w.app, audit.pages, ours)).toEqual([]);
  });
});
