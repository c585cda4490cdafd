import { seedPeople } from '../seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { person, system } from '../../test/support/fixtures.js';
import { addAccount, identityApp, submitForm } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { createDeviceClient, type DeviceClient } from './client/proof-client.js';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const home = '192.0.2.10';
const elsewhere = '203.0.113.66';

function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const cookie of response.cookies) out[cookie.name] = cookie.value;
  return out;
}

describe.each(engines)('device-bound sessions over HTTP, on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let device: DeviceClient;
  let sessionCookie: string;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const email = `zoe.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Une phrase de passe très longue 2026 !';
  let accountId: string;

  const get = (url: string, options: { addr?: string; ua?: string; proof?: string } = {}) =>
    app.inject({
      method: 'GET',
      url,
      remoteAddress: options.addr ?? home,
      headers: {
        'user-agent': options.ua ?? chrome,
        cookie: `__Host-rempart=${sessionCookie}`,
        accept: 'text/html',
        ...(options.proof ? { 'rempart-proof': options.proof } : {}),
      },
    });

  async function nonce(): Promise<string> {
    const response = await get('/session/nonce', { addr: elsewhere });
    return (response.json() as { nonce: string }).nonce;
  }

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    const candidate = person({ kind: 'candidate' });
    await built.vault.write(system, seedPeople, [candidate]);
    ({ id: accountId } = await addAccount(built.vault, { role: 'candidate', personId: candidate.id, email, password }));
    await app.ready();
    device = await createDeviceClient();
    const fields = { email, password, device_key: JSON.stringify(device.publicJwk) };
    const { response: login } = await submitForm(app, {
      page: '/connexion',
      url: '/connexion',
      fields,
      remoteAddress: home,
      userAgent: chrome,
    });
    expect(login.statusCode, login.body).toBe(303);
    sessionCookie = cookiesOf(login)['__Host-rempart']!;
    expect(sessionCookie).toBeDefined();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('serves the account page to the browser and address that proved the device', async () => {
    const response = await get('/compte');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Mon compte');
  });

  it('shows in « Mes sessions » whether a session uses the viewer’s network, never an address', async () => {
    const page = await get('/compte/sessions');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<th scope="col">Réseau</th>');
    expect(page.body).toContain('Le même que vous');
    expect(page.body).not.toContain(home);
  });

  it('does not trust the cookie replayed from another address or browser: it asks for a device proof', async () => {
    for (const options of [{ addr: elsewhere }, { ua: firefox }]) {
      const response = await get('/compte', options);
      expect(response.body).not.toContain('Mon compte');
      expect(response.body).toContain('Vérification de votre appareil');
      expect(response.body).toContain('data-reverifier');
    }
  });

  it('refuses an API read without a proof, or with a stale, reused, wrong-path or foreign proof', async () => {
    expect((await get('/api/v1/moi')).json()).toMatchObject({ error: { code: 'PROOF_REQUIRED' } });
    const n = await nonce();
    const good = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce: n, at: clock.now() });
    const first = await get('/api/v1/moi', { proof: good, addr: elsewhere });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id: accountId, email });
    expect((await get('/api/v1/moi', { proof: good })).json()).toMatchObject({ error: { code: 'PROOF_INVALID' } });
    const wrongPath = await device.proof({ method: 'GET', path: '/api/v1/sessions', nonce: n, at: clock.now() });
    expect((await get('/api/v1/moi', { proof: wrongPath })).json()).toMatchObject({ error: { code: 'PROOF_INVALID' } });
    const stale = await device.proof({
      method: 'GET',
      path: '/api/v1/moi',
      nonce: n,
      at: new Date(clock.now().getTime() - 61_000),
    });
    expect((await get('/api/v1/moi', { proof: stale })).json()).toMatchObject({ error: { code: 'PROOF_INVALID' } });
    const thief = await createDeviceClient();
    const foreign = await thief.proof({ method: 'GET', path: '/api/v1/moi', nonce: n, at: clock.now() });
    expect((await get('/api/v1/moi', { proof: foreign, addr: elsewhere })).json()).toMatchObject({
      error: { code: 'PROOF_INVALID' },
    });
  });

  it('refuses a proof dated ahead, a nonce used twice, and a pre-signed proof sent later', async () => {
    const ahead = await device.proof({
      method: 'GET',
      path: '/api/v1/moi',
      nonce: await nonce(),
      at: new Date(clock.now().getTime() + 59_000),
    });
    expect((await get('/api/v1/moi', { proof: ahead, addr: elsewhere })).json()).toMatchObject({
      error: { code: 'PROOF_INVALID' },
    });
    // Two proofs, two proof ids, one nonce: the nonce serves once.
    const shared = await nonce();
    const first = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce: shared, at: clock.now() });
    const second = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce: shared, at: clock.now() });
    expect((await get('/api/v1/moi', { proof: first, addr: elsewhere })).statusCode).toBe(200);
    expect((await get('/api/v1/moi', { proof: second, addr: elsewhere })).json()).toMatchObject({
      error: { code: 'PROOF_INVALID' },
    });
    // The attack: a renewal signed in the page, dated ahead, sent 95 s later from elsewhere.
    const presigned = await device.proof({
      method: 'POST',
      path: '/session/preuve',
      nonce: await nonce(),
      at: new Date(clock.now().getTime() + 59_000),
    });
    clock.advance(95_000);
    const replayed = await app.inject({
      method: 'POST',
      url: '/session/preuve',
      remoteAddress: home,
      headers: { 'user-agent': chrome, cookie: `__Host-rempart=${sessionCookie}`, 'rempart-proof': presigned },
    });
    expect(replayed.json()).toMatchObject({ error: { code: 'PROOF_INVALID' } });
    expect((await get('/compte')).body).toContain('Vérification de votre appareil');
  });

  it('moves the binding only with a valid proof, and stops trusting the cookie alone after five minutes', async () => {
    // The valid API proof above came from the other address: the cookie now works there only.
    expect((await get('/compte', { addr: elsewhere })).body).toContain('Mon compte');
    expect((await get('/compte')).body).toContain('Vérification de votre appareil');
    clock.advance(5 * 60_000 + 1_000);
    expect((await get('/compte', { addr: elsewhere })).body).toContain('Vérification de votre appareil');
    const proof = await device.proof({
      method: 'POST',
      path: '/session/preuve',
      nonce: await nonce(),
      at: clock.now(),
    });
    const renewed = await app.inject({
      method: 'POST',
      url: '/session/preuve',
      remoteAddress: home,
      headers: { 'user-agent': chrome, cookie: `__Host-rempart=${sessionCookie}`, 'rempart-proof': proof },
    });
    expect(renewed.statusCode).toBe(204);
    expect((await get('/compte')).body).toContain('Mon compte');
  });

  it('gives a suspended account’s session nothing', async () => {
    await db.query("UPDATE accounts SET status = 'suspended' WHERE id = $1", [accountId]);
    const page = await get('/compte');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/connexion?session=expiree');
    expect(page.body).not.toContain('Mon compte');
    const proof = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce: 'x', at: clock.now() });
    expect((await get('/api/v1/moi', { proof })).statusCode).toBe(401);
    await db.query("UPDATE accounts SET status = 'active' WHERE id = $1", [accountId]);
  });

  it('logs « Mon compte » as a read by the account of its own record, from its session', async () => {
    const own = () =>
      db.query<Record<string, unknown>>(
        `SELECT actor_id, session_id, action, purpose, record, people, probed, fields, client_addr, outcome
         FROM access_log WHERE actor_id = $1 AND purpose = 'account.self' ORDER BY seq`,
        [accountId],
      );
    const before = (await own()).rows.length;
    const proof = await device.proof({ method: 'GET', path: '/api/v1/moi', nonce: await nonce(), at: clock.now() });
    const response = await get('/api/v1/moi', { proof });
    expect(response.statusCode, response.body).toBe(200);
    const after = (await own()).rows;
    expect(after).toHaveLength(before + 1);
    const { session_id: sessionId, client_addr: clientAddr, ...entry } = after.at(-1)!;
    expect(entry).toEqual({
      actor_id: accountId,
      action: 'read',
      purpose: 'account.self',
      record: 'account',
      people: [accountId],
      probed: [],
      fields: ['email', 'displayName'],
      outcome: 'allow',
    });
    // The session that read, named by its id (never its secret); a citizen's address only as a pseudonym.
    expect(sessionCookie.startsWith(`${String(sessionId)}.`)).toBe(true);
    expect(clientAddr).toMatch(/^h:/);
  });
});
