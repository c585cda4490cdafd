import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { seedPeople, seedReferralEvents } from '../src/seed/seed.purposes.js';
import { openTestDb } from './support/databases.js';
import { openPageAudit, sessionsFor } from './support/open-page-audit.js';
import { person, system, twoOrganisations } from './support/fixtures.js';
import { addAccount, identityApp } from './support/identity.js';
import { PageAudit, uncoveredPages } from './support/page-audit.js';

const PREFIXES = ['/conseiller', '/demandeur'];

/**
 * Every page of the advisors' back office and of the job seeker's space in Chromium, at a
 * desktop size and a phone's: axe-core, French typography, actions within the screen (the
 * checks of test/support/page-audit.ts), lists long enough to be paginated, forms sent back with
 * their errors.
 */
describe('the advisor’s and the job seeker’s pages, on a desktop and on a phone', () => {
  let db: Db;
  let app: FastifyInstance;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let base: string;
  let audit: PageAudit;
  let traineeId: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db, { clock: { now: () => new Date('2026-11-20T09:00:00Z') } });
    app = built.app;
    const world = await twoOrganisations(db, built.vault);
    traineeId = world.traineeA.id;
    const advisorId = world.actors.advisorA.kind === 'account' ? world.actors.advisorA.accountId : '';
    // A portfolio longer than a page, so that the pagination is checked too.
    const more = Array.from({ length: 24 }, (_, i) =>
      person({
        lastName: `Martin-${String.fromCharCode(65 + i)}`,
        firstName: 'Léa',
        franceTravailId: `76543${i}`.padEnd(7, '0') + 'B',
      }),
    );
    await built.vault.write(system, seedPeople, more);
    await db.query('INSERT INTO portfolios (advisor_id, person_id) SELECT $1, unnest($2::uuid[])', [
      advisorId,
      more.map((p) => p.id),
    ]);
    const referral = (await db.query<{ id: string }>('SELECT id FROM referrals WHERE person_id = $1', [traineeId]))
      .rows[0]!.id;
    await built.vault.write(system, seedReferralEvents, [
      {
        id: randomUUID(),
        referralId: referral,
        kind: 'entry',
        occurredOn: '2026-09-02',
        detail: 'Entrée confirmée.',
        declaredBy: null,
      },
      {
        id: randomUUID(),
        referralId: referral,
        kind: 'attendance',
        occurredOn: '2026-10-02',
        detail: 'Présence conforme (20 jours).',
        declaredBy: null,
      },
    ]);
    await db.query("UPDATE referrals SET status = 'entered' WHERE id = $1", [referral]);
    const seeker = await addAccount(built.vault, { role: 'job_seeker', personId: traineeId });
    ({ audit, page, base, close } = await openPageAudit(
      app,
      sessionsFor(db, { advisor: advisorId, job_seeker: seeker.id }),
    ));
  });
  afterAll(async () => {
    await close?.();
    await app?.close();
    await db?.close();
  });

  it('passes on every page of the advisor and of the job seeker', async () => {
    await page.goto(`${base}/connexion`);
    await audit.visit('/conseiller', '/conseiller', 'advisor');
    expect(await page.locator('.fr-pagination').count()).toBeGreaterThan(0);
    await audit.visit('/conseiller/recherche', '/conseiller/recherche', 'advisor');
    // A search with a result, then one the form sends back with its error.
    await page.fill('#champ-nom', 'Dupré');
    await page.fill('#champ-prenom', 'Hélène');
    await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Rechercher")')]);
    expect(await page.locator('main a:has-text("DUPRÉ Hélène")').count()).toBeGreaterThan(0);
    await audit.check('POST /conseiller/recherche', 'advisor');
    await page.fill('#champ-nom', 'Dupré');
    await page.fill('#champ-prenom', '');
    await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Rechercher")')]);
    expect(await page.locator('.fr-input-group--error').count()).toBe(1);
    await audit.check('POST /conseiller/recherche (erreurs)', 'advisor');

    await audit.visit('/conseiller/demandeurs/:id', `/conseiller/demandeurs/${traineeId}`, 'advisor');
    await audit.visit(
      '/conseiller/demandeurs/:id/orientation',
      `/conseiller/demandeurs/${traineeId}/orientation`,
      'advisor',
    );
    // Sent without a session: the error on the field, the note kept.
    await page.fill('#champ-note', 'Disponible dès janvier.');
    await Promise.all([page.waitForLoadState('load'), page.click('main button:has-text("Envoyer l’orientation")')]);
    expect(await page.locator('.fr-fieldset--error').count()).toBe(1);
    expect(await page.inputValue('#champ-note')).toBe('Disponible dès janvier.');
    await audit.check('POST /conseiller/demandeurs/:id/orientation (erreurs)', 'advisor');
    await audit.visit('/conseiller/suivi', '/conseiller/suivi', 'advisor');

    await audit.visit('/demandeur', '/demandeur', 'job_seeker');
    expect(audit.report).toEqual(audit.clean());
  }, 300_000);

  it('has covered every page of the two spaces', () => {
    const ours = (url: string) => PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
    expect(uncoveredPages(app, audit.pages, ours)).toEqual([]);
  });
});
