import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import { makeVault, system } from '../../test/support/fixtures.js';
import { identityApp } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { DEMO_MAILBOX_PATH } from './demo-mailbox.js';
import { enqueueMail } from './outbox.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const link = 'https://rempart.test/inscription/confirmer?jeton=Qm9uam91cg&etape=1';

describe('the demo mailbox', () => {
  let db: Db;
  let kit: Awaited<ReturnType<typeof makeVault>>;
  const email = `maelle.${randomUUID().slice(0, 8)}@exemple.fr`;

  // The platform as it serves the mailbox: with its identity services, which read the addresses.
  async function appIn(mode: 'demo' | 'production'): Promise<FastifyInstance> {
    return (await identityApp(db, { mode })).app;
  }

  beforeAll(async () => {
    db = await openTestDb('pglite');
    kit = await makeVault(db);
    const accountId = randomUUID();
    await kit.vault.createAccounts(
      system,
      [
        {
          id: accountId,
          role: 'candidate',
          organisationId: null,
          personId: null,
          email,
          displayName: 'Maëlle Le Gall',
          passwordHash: null,
          status: 'pending',
          createdBy: null,
          approvedBy: null,
        },
      ],
      'test',
    );
    const at = kit.clock.now();
    await enqueueMail(db, { id: randomUUID(), accountId, template: 'verify_email', params: { link }, at });
    kit.clock.advance(60_000);
    await enqueueMail(db, {
      id: randomUUID(),
      accountId,
      template: 'new_device_login',
      params: { when: kit.clock.now().toISOString(), device: '<b>Firefox</b> sur Linux' },
      at: kit.clock.now(),
    });
  });
  afterAll(() => db.close());

  describe('in demo mode', () => {
    let app: FastifyInstance;
    let body: string;
    let auditedBefore: number;

    beforeAll(async () => {
      app = await appIn('demo');
      auditedBefore = await audited();
      const response = await app.inject({ url: DEMO_MAILBOX_PATH, headers: { accept: BROWSER_ACCEPT } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      body = response.body;
    });
    afterAll(() => app.close());

    const audited = async () =>
      Number(
        (await db.query<{ n: string }>("SELECT count(*) AS n FROM access_log WHERE purpose = 'demo.mailbox'")).rows[0]
          ?.n,
      );

    it('is a French DSFR page with one h1 and the demo notice', () => {
      expect(body).toMatch(/^<!doctype html>\s*<html lang="fr">/);
      expect(body.match(/<h1>/g)).toHaveLength(1);
      expect(body).toContain('Boîte de démonstration\u00a0: en production, les messages partent par SMTP.');
      expect(body).toContain('<title>Boîte mail de démonstration – rempart</title>');
    });

    it('shows each message, newest first, with its recipient, subject and clickable link', () => {
      const newDevice = body.indexOf('[rempart] Connexion depuis un nouvel appareil');
      const verify = body.indexOf('[rempart] Confirmez votre adresse électronique');
      expect(newDevice).toBeGreaterThan(0);
      expect(verify).toBeGreaterThan(newDevice);
      expect(body.match(/<h2 class="fr-h5">/g)).toHaveLength(2);
      expect(body).toContain(`<dd>${email}</dd>`);
      expect(body).toContain(`<a href="${link.replace('&', '&amp;')}">Confirmer mon adresse électronique</a>`);
      expect(body).toContain('non envoyé\u00a0: reste dans la boîte d’envoi');
    });

    it('escapes what the messages carry', () => {
      expect(body).toContain('&lt;b&gt;Firefox&lt;/b&gt; sur Linux');
      expect(body).not.toContain('<b>Firefox');
    });

    it('reads each recipient’s address once, through the vault, which logs it', async () => {
      expect((await audited()) - auditedBefore).toBe(1);
    });
  });

  it('does not exist in production', async () => {
    const app = await appIn('production');
    const response = await app.inject({ url: DEMO_MAILBOX_PATH, headers: { accept: BROWSER_ACCEPT } });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(email);
    await app.close();
  });
});
