import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { home, ua } from '../../test/support/form-browser.js';
import { identityApp } from '../../test/support/identity.js';
import { twoTrainingOrganisations } from '../../test/support/training.js';
import { addressTag } from '../crypto/address-tag.js';
import type { Db } from '../db/client.js';
import { testAddressTagKey } from '../http/test-helpers.js';
import { createDeviceClient, type DeviceClient } from '../identity/client/proof-client.js';
import { parseDeviceKey } from '../identity/sessions/device-proof.js';
import { createSession } from '../identity/sessions/session-store.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import type { Actor } from '../vault/index.js';

/** An API client of one account: its session cookie and its device key, signing each request. */
async function apiClient(app: FastifyInstance, db: Db, actor: Actor, clock: { now(): Date }) {
  if (actor.kind !== 'account') throw new Error('account expected');
  const device: DeviceClient = await createDeviceClient();
  const { cookie } = await createSession(db, {
    accountId: actor.accountId,
    role: actor.role,
    deviceKey: parseDeviceKey(device.publicJwk)!,
    addrTag: addressTag(testAddressTagKey, home),
    userAgent: ua,
    mfaAt: clock.now(),
    now: clock.now(),
    random: systemRandom,
  });
  const headers = { 'user-agent': ua, cookie: `__Host-rempart=${cookie}` };
  const nonce = async () =>
    (
      (await app.inject({ method: 'GET', url: '/session/nonce', remoteAddress: home, headers })).json() as {
        nonce: string;
      }
    ).nonce;
  return async (method: 'GET' | 'POST', url: string, body?: unknown, options: { proof?: boolean } = {}) => {
    const path = url.split('?')[0]!;
    const proof = await device.proof({ method, path, nonce: await nonce(), at: clock.now() });
    return app.inject({
      method,
      url,
      remoteAddress: home,
      headers: {
        ...headers,
        accept: 'application/json',
        ...(options.proof === false ? {} : { 'rempart-proof': proof }),
      },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  };
}

describe.each(engines)('the training organisations’ API (%s)', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;
  let apiA: Awaited<ReturnType<typeof apiClient>>;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock });
    app = built.app;
    await app.ready();
    world = await twoTrainingOrganisations(db, built.vault);
    apiA = await apiClient(app, db, world.actors.ofUserA, clock);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists the organisation’s trainees with nom, prénom and identifier only, page by page', async () => {
    const response = await apiA('GET', '/api/v1/organisme/stagiaires?taille=10');
    expect(response.statusCode).toBe(200);
    // Organisation A has two sessions (the shared fixture's and ours), each with Hélène Dupré.
    const body = response.json() as { stagiaires: Record<string, unknown>[]; pagination: unknown };
    expect(body.pagination).toEqual({ page: 1, taille: 10, total: 2 });
    expect(body.stagiaires).toContainEqual({
      referralId: world.referralA,
      sessionId: world.sessionA,
      status: 'referred',
      lastName: 'Dupré',
      firstName: 'Hélène',
      franceTravailId: '1234567A',
    });
    expect(JSON.stringify(body)).not.toContain('Nguyễn');
    const one = (await apiA('GET', '/api/v1/organisme/stagiaires?taille=1&page=2')).json() as typeof body;
    expect(one.stagiaires).toHaveLength(1);
    expect((await apiA('GET', '/api/v1/organisme/stagiaires?taille=51')).statusCode).toBe(400);
    const sessions = (await apiA('GET', '/api/v1/organisme/sessions')).json() as { sessions: { id: string }[] };
    expect(sessions.sessions.map((s) => s.id)).toContain(world.sessionA);
    expect(sessions.sessions.map((s) => s.id)).not.toContain(world.sessionB);
  });

  it('refuses a request without its device proof', async () => {
    const bare = await apiA('GET', '/api/v1/organisme/stagiaires', undefined, { proof: false });
    expect(bare.statusCode).toBe(401);
    expect(bare.body).not.toContain('Dupré');
  });

  it('answers another organisation’s session or referral exactly as one that does not exist', async () => {
    const pairs: [string, string, unknown?][] = [
      [
        `/api/v1/organisme/stagiaires?session=${world.sessionB}`,
        `/api/v1/organisme/stagiaires?session=${randomUUID()}`,
      ],
    ];
    for (const [other, missing] of pairs) {
      const [a, b] = [await apiA('GET', other), await apiA('GET', missing)];
      expect(a.statusCode).toBe(404);
      expect(a.json()).toEqual(b.json());
    }
    for (const [path, body] of [
      ['reponse', { decision: 'accept' }],
      ['declarations', { kind: 'entry', on: '2026-10-02' }],
    ] as const) {
      const a = await apiA('POST', `/api/v1/organisme/orientations/${world.referralB}/${path}`, body);
      const b = await apiA('POST', `/api/v1/organisme/orientations/${randomUUID()}/${path}`, body);
      expect(a.statusCode).toBe(404);
      expect(a.json()).toEqual(b.json());
    }
    const { rows } = await db.query<{ status: string }>('SELECT status FROM referrals WHERE id = $1', [
      world.referralB,
    ]);
    expect(rows[0]!.status).toBe('referred');
  });

  it('accepts and declares through the API, with the same rules as the pages', async () => {
    const base = `/api/v1/organisme/orientations/${world.referralA}`;
    expect((await apiA('POST', `${base}/reponse`, { decision: 'accept' })).json()).toEqual({ ok: true });
    const late = await apiA('POST', `${base}/declarations`, { kind: 'entry', on: '2026-10-02' });
    expect(late.json()).toEqual({ ok: true, late: true });
    const wrong = await apiA('POST', `${base}/declarations`, { kind: 'exit', on: '2026-11-19', outcome: 'diplome' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('VALIDATION_FAILED');
    const again = await apiA('POST', `${base}/declarations`, { kind: 'entry', on: '2026-10-02' });
    expect(again.statusCode).toBe(400);
    // A resumption follows only an interruption with postponement: not a trainee in training.
    const resumed = await apiA('POST', `${base}/declarations`, { kind: 'resumption', on: '2026-11-19' });
    expect(resumed.statusCode).toBe(400);
    expect(resumed.json().error.code).toBe('VALIDATION_FAILED');
    const exit = await apiA('POST', `${base}/declarations`, { kind: 'exit', on: '2026-11-19', outcome: 'certified' });
    expect(exit.json()).toEqual({ ok: true, late: false });
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/organisme/sessions',
        '/api/v1/organisme/stagiaires',
        '/api/v1/organisme/orientations/{id}/reponse',
        '/api/v1/organisme/orientations/{id}/declarations',
      ]),
    );
  });
});
