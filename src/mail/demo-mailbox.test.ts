import { seedAccounts } from '../seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import { makeVault, system, type TestKit } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import { buildApp } from '../http/app.js';
import { testDeps } from '../http/test-helpers.js';
import { createLinkMinter } from '../identity/links.js';
import { peekToken } from '../identity/tokens.js';
import { systemRandom } from '../kernel/random.js';
import { DEMO_MAILBOX_PATH, registerDemoMailbox } from './demo-mailbox.js';
import { enqueueMail } from './outbox.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const LINK = /<a href="(https:\/\/rempart\.test\/inscription\/confirmer\/([A-Za-z0-9_-]{43}))">/;

describe('the demo mailbox', () => {
  let db: Db;
  let kit: TestKit;
  let accountId: string;
  const email = `maelle.${randomUUID().slice(0, 8)}@exemple.fr`;

  /** The app with a mailbox of its own: a new one is what a restarted server shows. */
  async function appIn(mode: 'demo' | 'production', trustProxy?: string): Promise<FastifyInstance> {
    const mintLink = createLinkMinter({ publicUrl: 'https://rempart.test', clock: kit.clock, random: systemRandom });
    return buildApp({ ...testDeps(db, { mode }), trustProxy }, (web) =>
      registerDemoMailbox(web, { mode, db, clock: kit.clock, vault: kit.vault, mintLink }),
    );
  }
  const show = (app: FastifyInstance) =>
    app.inject({ url: DEMO_MAILBOX_PATH, headers: { accept: BROWSER_ACCEPT }, remoteAddress: '127.0.0.1' });
  const audited = async () =>
    Number(
      (await db.query<{ n: string }>("SELECT count(*) AS n FROM access_log WHERE purpose = 'mail.demo_mailbox'"))
        .rows[0]?.n,
    );
  const outboxText = async () => JSON.stringify((await db.query('SELECT * FROM mail_outbox')).rows);

  beforeAll(async () => {
    db = await openTestDb('pglite');
    kit = await makeVault(db);
    accountId = randomUUID();
    await kit.vault.write(system, seedAccounts, [
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
        approvedAt: null,
      },
    ]);
    const at = kit.clock.now();
    await enqueueMail(db, { id: randomUUID(), accountId, template: 'verify_email', params: {}, at });
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
    let auditedReads: number;

    beforeAll(async () => {
      app = await appIn('demo');
      const auditedBefore = await audited();
      const response = await show(app);
      auditedReads = (await audited()) - auditedBefore;
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      body = response.body;
    });
    afterAll(() => app.close());

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
      expect(body).toMatch(new RegExp(`${LINK.source}Confirmer mon adresse électronique</a>`));
      expect(body.match(/<dd>remis le /g)).toHaveLength(2);
    });

    it('mints the link as it delivers the message, and keeps it in memory only', async () => {
      const [, link, token] = LINK.exec(body) ?? [];
      expect(await peekToken(db, { token: token!, purpose: 'verify_email', clock: kit.clock })).toBe(accountId);
      expect(await outboxText()).not.toContain(token);
      const { rows } = await db.query<{ sent_at: Date | null }>('SELECT sent_at FROM mail_outbox');
      expect(rows.every((row) => row.sent_at !== null)).toBe(true);
      // Shown again on reload by the same server, and not minted twice.
      expect(LINK.exec((await show(app)).body)?.[1]).toBe(link);
      expect(await peekToken(db, { token: token!, purpose: 'verify_email', clock: kit.clock })).toBe(accountId);
    });

    it('shows no link once the server that delivered it is gone: none is kept anywhere', async () => {
      const restarted = await appIn('demo');
      const again = (await show(restarted)).body;
      expect(again).toContain('[rempart] Confirmez votre adresse électronique');
      expect(again).not.toMatch(LINK);
      expect(again).toContain('Ce message portait un lien à usage unique.');
      await restarted.close();
    });

    it('escapes what the messages carry', () => {
      expect(body).toContain('&lt;b&gt;Firefox&lt;/b&gt; sur Linux');
      expect(body).not.toContain('<b>Firefox');
    });

    it('reads each recipient’s address once, through the vault, which logs it', async () => {
      expect(auditedReads).toBe(1);
    });
  });

  describe('only for a person at the server itself', () => {
    const unsent = async () =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL')).rows[0]?.n);

    it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
      'shows the mailbox to %s',
      async (remoteAddress) => {
        const app = await appIn('demo');
        const response = await app.inject({
          url: DEMO_MAILBOX_PATH,
          remoteAddress,
          headers: { accept: BROWSER_ACCEPT },
        });
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain(`<dd>${email}</dd>`);
        await app.close();
      },
    );

    it.each([
      ['another address', '203.0.113.7', {}, undefined],
      ['a private address', '10.0.0.5', {}, undefined],
      ['an IPv6 address', '2001:db8::7', {}, undefined],
      ['a mapped address that is not loopback', '::ffff:203.0.113.7', {}, undefined],
      [
        'a header claiming loopback, from a trusted proxy elsewhere',
        '10.0.0.5',
        { 'x-forwarded-for': '127.0.0.1' },
        '10.0.0.5',
      ],
      ['a visitor forwarded by a proxy on the server', '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }, '127.0.0.1'],
      ['a forwarded request claiming loopback', '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }, '127.0.0.1'],
      ['a forwarded request, the proxy not trusted', '127.0.0.1', { forwarded: 'for=203.0.113.7' }, undefined],
      ['a request forwarded with X-Real-IP', '::1', { 'x-real-ip': '203.0.113.7' }, undefined],
    ])(
      'answers %s like an unknown page, and delivers and reads nothing',
      async (_label, remoteAddress, headers, trustProxy) => {
        await enqueueMail(db, {
          id: randomUUID(),
          accountId,
          template: 'reset_password',
          params: {},
          at: kit.clock.now(),
        });
        const waiting = await unsent();
        const app = await appIn('demo', trustProxy);
        const auditedBefore = await audited();
        for (const accept of [BROWSER_ACCEPT, 'application/json']) {
          const ask = (url: string) => app.inject({ url, remoteAddress, headers: { ...headers, accept } });
          const [refused, unknown] = [await ask(DEMO_MAILBOX_PATH), await ask('/page-qui-n-existe-pas')];
          expect(refused.statusCode).toBe(404);
          expect(refused.headers['content-type']).toBe(unknown.headers['content-type']);
          expect(refused.body).toBe(unknown.body);
          expect(refused.body).not.toContain(email);
        }
        expect(await unsent()).toBe(waiting);
        expect(await audited()).toBe(auditedBefore);
        await app.close();
      },
    );
  });

  it('does not exist in production', async () => {
    const app = await appIn('production');
    const response = await show(app);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(email);
    await app.close();
  });
});
