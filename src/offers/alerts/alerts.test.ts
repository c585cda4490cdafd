import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { signedInBrowser, type FormBrowser } from '../../../test/support/form-browser.js';
import { addAccount, identityApp } from '../../../test/support/identity.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../kernel/clock.js';
import { systemRandom } from '../../kernel/random.js';
import { createNotify } from '../../mail/index.js';
import type { Platform } from '../../platform.js';
import { insertEmployer, insertOffer } from '../offers.fixtures.js';
import { offerAlertsJob } from './alerts.job.js';
import { savedSearchesSection } from './alerts.privacy.js';

/**
 * Saved searches and their alerts, on both engines: a candidate saves, lists and deletes their
 * own searches only; the job sends one mail per search with new matching offers, through the
 * outbox, never twice for the same offers, and none for a search with nothing new.
 */
describe.each(engines)('saved searches and alerts on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let platform: Platform;
  const clock = fixedClock(new Date('2026-11-26T10:00:00Z'));
  let ines: FormBrowser;
  let paul: FormBrowser;
  let inesId: string;
  let paulId: string;
  let employer: string;

  const outbox = async () =>
    (
      await db.query<{ account_id: string; template: string; params: Record<string, string> }>(
        `SELECT account_id, template, params FROM mail_outbox WHERE template = 'offer_alert' ORDER BY created_at`,
      )
    ).rows;
  const runJob = () =>
    offerAlertsJob.run({
      platform,
      notify: createNotify({ clock, random: systemRandom }),
      logger: pino({ level: 'silent' }),
    });

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    platform = built.platform;
    await app.ready();
    employer = await insertEmployer(db, 'CHU de Brest', 'hospitaliere');
    const account = async () => {
      const { id } = await addAccount(built.vault, { role: 'candidate' });
      return { id, browser: await signedInBrowser(app, db, { accountId: id, role: 'candidate', clock }) };
    };
    const first = await account();
    inesId = first.id;
    ines = first.browser;
    const second = await account();
    paulId = second.id;
    paul = second.browser;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('saves a search, lists it to its owner only, and lets only its owner delete it', async () => {
    const page = await ines.open('/offres/alertes/nouvelle?q=infirmier&departement=29');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('département 29');
    const saved = await ines.form('/offres/alertes/nouvelle', {
      q: 'infirmier',
      departement: '29',
      label: 'Infirmier à Brest',
    });
    expect(saved.headers.location).toBe('/offres/alertes?fait=creee');
    expect((await ines.open('/offres/alertes')).body).toContain('Infirmier à Brest');
    expect((await paul.open('/offres/alertes')).body).not.toContain('Infirmier à Brest');
    const [{ id }] = (await db.query<{ id: string }>('SELECT id FROM saved_searches')).rows as [{ id: string }];
    // Paul posts Ines's id: nothing is deleted, and he is told what a missing id would tell him.
    await paul.open('/offres/alertes');
    expect((await paul.form('/offres/alertes/suppression', { id })).headers.location).toBe(
      '/offres/alertes?fait=supprimee',
    );
    expect((await db.query('SELECT id FROM saved_searches')).rows).toHaveLength(1);
    // An alert needs a criterion.
    await ines.open('/offres/alertes/nouvelle');
    const empty = await ines.form('/offres/alertes/nouvelle', { label: 'Tout' });
    expect(empty.statusCode).toBe(400);
  });

  it('gives each candidate their own saved searches in « Mes données »', async () => {
    const as = (accountId: string) => ({
      kind: 'account' as const,
      accountId,
      role: 'candidate' as const,
      organisationId: null,
      personId: null,
      sessionId: null,
      clientAddr: '127.0.0.1',
    });
    const deps = { db } as Parameters<typeof savedSearchesSection.collect>[0];
    expect(await savedSearchesSection.collect(deps, as(inesId))).toEqual([
      { nom: 'Infirmier à Brest', criteres: '« infirmier », département 29', creeeLe: '2026-11-26T10:00:00.000Z' },
    ]);
    expect(await savedSearchesSection.collect(deps, as(paulId))).toEqual([]);
  });

  it('mails each search once about new matching offers, through the outbox', async () => {
    // Published before the search was saved: not new.
    await insertOffer(db, employer, {
      versant: 'hospitaliere',
      publishedOn: '2026-11-20',
      fields: { title: 'Infirmier de bloc', departement: '29' },
    });
    expect(await runJob()).toBe(0);
    expect(await outbox()).toEqual([]);
    clock.advance(3_600_000);
    await insertOffer(db, employer, {
      versant: 'hospitaliere',
      publishedOn: '2026-11-26',
      fields: { title: 'Infirmière de nuit', departement: '29' },
    });
    // Control: new, but not matching.
    await insertOffer(db, employer, {
      versant: 'hospitaliere',
      publishedOn: '2026-11-26',
      fields: { title: 'Infirmier aux urgences', departement: '35' },
    });
    clock.advance(3_600_000);
    expect(await runJob()).toBe(1);
    expect(await outbox()).toEqual([{ account_id: inesId, template: 'offer_alert', params: { count: '1' } }]);
    // Run again: the same offer is never told twice.
    clock.advance(3_600_000);
    expect(await runJob()).toBe(0);
    expect(await outbox()).toHaveLength(1);
  });
});
