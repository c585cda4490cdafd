import { seedPeople } from '../seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { person, system } from '../../test/support/fixtures.js';
import { addAccount, identityApp, submitForm } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import type { Vault } from '../vault/index.js';
import { createDeviceClient, type DeviceClient } from './client/proof-client.js';
import { newTotpSecret, totpStep } from './totp/index.js';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';
const office = '192.0.2.10';
const elsewhere = '203.0.113.66';
const password = 'Une phrase de passe très longue 2026 !';

const sessionOf = (response: LightMyRequestResponse) =>
  response.cookies.find((cookie) => cookie.name === '__Host-rempart')?.value;

/**
 * Issue 8 item 1, the infostealer that copies the whole browser profile: the cookie and the
 * device key, replayed from another network and browser. A staff session reads nothing there
 * until its second factor is checked there; a citizen's session follows, journaled and mailed.
 */
describe.each(engines)('a valid device proof from another network or browser, on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));

  /** One place: its address and browser; every request carries the session cookie. */
  function at(addr: string, userAgent: string, device: DeviceClient, cookie: () => string) {
    const headers = (extra: Record<string, string> = {}) => ({ 'user-agent': userAgent, cookie: cookie(), ...extra });
    const nonce = async () =>
      (await app.inject({ method: 'GET', url: '/session/nonce', remoteAddress: addr, headers: headers() })).json<{
        nonce: string;
      }>().nonce;
    return {
      page: (url: string) =>
        app.inject({ method: 'GET', url, remoteAddress: addr, headers: headers({ accept: 'text/html' }) }),
      api: async (url: string) => {
        const proof = await device.proof({ method: 'GET', path: url, nonce: await nonce(), at: clock.now() });
        return app.inject({ method: 'GET', url, remoteAddress: addr, headers: headers({ 'rempart-proof': proof }) });
      },
      prove: async () => {
        const proof = await device.proof({
          method: 'POST',
          path: '/session/preuve',
          nonce: await nonce(),
          at: clock.now(),
        });
        return app.inject({
          method: 'POST',
          url: '/session/preuve',
          remoteAddress: addr,
          headers: headers({ 'rempart-proof': proof }),
        });
      },
    };
  }

  const journaled = async (accountId: string, action: string) =>
    (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log WHERE actor_id = $1 AND action = $2', [
        accountId,
        action,
      ])
    ).rows[0]!.n;
  const mailed = async (accountId: string, template: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM mail_outbox WHERE account_id = $1 AND template = $2',
        [accountId, template],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ app, vault } = await identityApp(db, { clock }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('gives a copied staff profile nothing elsewhere, until the second factor is checked there', async () => {
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '55555555555555')",
      [organisation],
    );
    const { id, email } = await addAccount(vault, { role: 'of_user', organisationId: organisation, password });
    const secret = newTotpSecret(systemRandom);
    await vault.storeTotpSecret(id, secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [id]);
    const code = () => HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });

    // The owner logs in at the office: password, then a TOTP code.
    const device = await createDeviceClient();
    const deviceKey = JSON.stringify(device.publicJwk);
    const first = await submitForm(app, {
      page: '/connexion',
      url: '/connexion',
      fields: { email, password, device_key: deviceKey },
      remoteAddress: office,
      userAgent: chrome,
    });
    const flow = first.response.cookies.find((cookie) => cookie.name === '__Host-rempart-connexion')!;
    const second = await submitForm(app, {
      page: '/connexion/verification',
      url: '/connexion/verification',
      fields: { code: code(), device_key: deviceKey },
      remoteAddress: office,
      userAgent: chrome,
      cookie: `__Host-rempart-connexion=${flow.value}`,
    });
    let cookie = `__Host-rempart=${sessionOf(second.response)!}`;
    const owner = at(office, chrome, device, () => cookie);
    expect((await owner.api('/api/v1/moi')).json()).toMatchObject({ email });

    // The infostealer's copy: the same cookie and the same key, from another network and browser.
    clock.advance(6.5 * 60_000);
    const thief = at(elsewhere, firefox, device, () => cookie);
    const read = await thief.api('/api/v1/moi');
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ error: { code: 'DEVICE_VERIFICATION_REQUIRED' } });
    expect(read.body).not.toContain(email);
    expect((await thief.prove()).json()).toMatchObject({ error: { code: 'DEVICE_VERIFICATION_REQUIRED' } });
    const page = await thief.page('/compte');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/compte/verification?retour=%2Fcompte');
    const verification = await thief.page('/compte/verification?retour=%2Fcompte');
    expect(verification.statusCode).toBe(200);
    expect(verification.body).toContain('Confirmer avec le code');
    expect(verification.body).not.toContain('Confirmer avec mon mot de passe');
    expect(verification.body).toContain('Nouveau réseau ou nouveau navigateur');
    // Journaled and mailed once, however often the copy tries.
    expect(await journaled(id, 'auth.session.move_held')).toBe(1);
    expect(await mailed(id, 'session_move_held')).toBe(1);
    expect(await journaled(id, 'auth.session.moved')).toBe(0);
    // The owner, at the office, never lost the session: the page's script proves it as usual.
    expect((await owner.prove()).statusCode).toBe(204);
    expect((await owner.page('/compte')).body).toContain('Mon compte');
    // Control: the owner's own step-up page is the usual one.
    expect((await owner.page('/compte/verification')).body).not.toContain('Nouveau réseau ou nouveau navigateur');
    expect((await owner.api('/api/v1/moi')).statusCode).toBe(200);

    // Control: the owner, who does hold the second factor, moves the session there with it.
    clock.advance(30_000);
    const stepUp = await submitForm(app, {
      page: '/compte/verification?retour=%2Fcompte',
      url: '/compte/verification',
      fields: { method: 'totp', code: code(), retour: '/compte' },
      remoteAddress: elsewhere,
      userAgent: firefox,
      cookie,
    });
    expect(stepUp.response.statusCode, stepUp.response.body).toBe(303);
    expect(stepUp.response.headers.location).toBe('/compte');
    cookie = `__Host-rempart=${sessionOf(stepUp.response)!}`;
    expect((await thief.api('/api/v1/moi')).json()).toMatchObject({ email });
    expect(await journaled(id, 'auth.session.moved')).toBe(1);
    // And now the office is the other place.
    expect((await owner.api('/api/v1/moi')).json()).toMatchObject({ error: { code: 'DEVICE_VERIFICATION_REQUIRED' } });
  });

  it('moves a citizen’s session with the proof, journals each move and mails the owner', async () => {
    const citizen = person({ kind: 'job_seeker' });
    await vault.write(system, seedPeople, [citizen]);
    const { id, email } = await addAccount(vault, { role: 'job_seeker', personId: citizen.id, password });
    const device = await createDeviceClient();
    const { response } = await submitForm(app, {
      page: '/connexion',
      url: '/connexion',
      fields: { email, password, device_key: JSON.stringify(device.publicJwk) },
      remoteAddress: office,
      userAgent: chrome,
    });
    const cookie = `__Host-rempart=${sessionOf(response)!}`;
    const before = await mailed(id, 'session_moved');

    // The phone leaves the Wi-Fi: the proof moves the session, and the owner is told.
    expect((await at(elsewhere, chrome, device, () => cookie).api('/api/v1/moi')).json()).toMatchObject({ email });
    expect(await journaled(id, 'auth.session.moved')).toBe(1);
    expect(await mailed(id, 'session_moved')).toBe(before + 1);
    // Back on the Wi-Fi within the hour: journaled, not mailed again.
    expect((await at(office, chrome, device, () => cookie).api('/api/v1/moi')).statusCode).toBe(200);
    expect(await journaled(id, 'auth.session.moved')).toBe(2);
    expect(await mailed(id, 'session_moved')).toBe(before + 1);
    // Another browser is always told.
    expect((await at(office, firefox, device, () => cookie).api('/api/v1/moi')).statusCode).toBe(200);
    expect(await mailed(id, 'session_moved')).toBe(before + 2);
  });
});
