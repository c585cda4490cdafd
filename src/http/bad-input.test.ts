import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { AppError, errorCatalogue, type ErrorCode } from '../kernel/errors.js';
import { buildApp } from './app.js';
import { testDeps } from './test-helpers.js';

// Routes that exist only in this test, registered before `ready()`, with strict zod schemas as a
// real domain route would declare them.
const open = { access: { level: 'public' as const } };

function addProbeRoutes(app: FastifyInstance): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const person = z.strictObject({ nom: z.string().min(1).max(100), age: z.number().int().min(0).max(150) });
  typed.post(
    '/essai/personnes',
    {
      config: open,
      schema: { body: person, querystring: z.strictObject({ page: z.coerce.number().int().min(1).optional() }) },
    },
    async (request) => ({ recu: request.body.nom }),
  );
  typed.get(
    '/essai/personnes/:id',
    { config: open, schema: { params: z.strictObject({ id: z.uuid() }) } },
    async () => ({}),
  );
  typed.get('/essai/panne', { config: open }, async () => {
    throw new Error('panne interne : le message ne doit jamais sortir');
  });
  typed.get('/essai/interdit', { config: open }, async () => {
    throw new AppError('FORBIDDEN', 'probe');
  });
}

function expectError(response: LightMyRequestResponse, code: ErrorCode): void {
  expect(response.statusCode).toBe(errorCatalogue[code].status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.json()).toEqual({ error: { code, message: errorCatalogue[code].message } });
}

describe('bad input gets a clear 4xx with a catalogue code, never a 500', () => {
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildApp(testDeps(db));
    addProbeRoutes(app);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const post = (payload: string | Buffer, contentType = 'application/json', url = '/essai/personnes') =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ nom: 'Éloïse', age: 31 }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ recu: 'Éloïse' });
  });

  it.each([
    ['truncated JSON', '{"nom": "Éloïse", '],
    ['a bare word', 'bonjour'],
    ['an empty body', ''],
    ['a __proto__ key', '{"__proto__": {"admin": true}, "nom": "x", "age": 1}'],
    ['a constructor.prototype key', '{"constructor": {"prototype": {"admin": true}}}'],
  ])('refuses %s with INVALID_JSON', async (_label, payload) => {
    expectError(await post(payload), 'INVALID_JSON');
  });

  it.each([
    ['an unknown field', { nom: 'Éloïse', age: 31, role: 'admin' }],
    ['a wrong type', { nom: 'Éloïse', age: '31' }],
    ['a missing field', { nom: 'Éloïse' }],
    ['a value out of range', { nom: 'Éloïse', age: -4 }],
    ['an array instead of an object', [{ nom: 'Éloïse', age: 31 }]],
    ['null', null],
  ])('refuses %s with VALIDATION_FAILED', async (_label, body) => {
    expectError(await post(JSON.stringify(body)), 'VALIDATION_FAILED');
  });

  it('refuses a POST without a body with VALIDATION_FAILED', async () => {
    expectError(await app.inject({ method: 'POST', url: '/essai/personnes' }), 'VALIDATION_FAILED');
  });

  it.each([
    ['an unknown query parameter', '/essai/personnes?page=1&tri=nom'],
    ['a query parameter of the wrong type', '/essai/personnes?page=premiere'],
  ])('refuses %s with VALIDATION_FAILED', async (_label, url) => {
    expectError(await post(JSON.stringify({ nom: 'Éloïse', age: 31 }), 'application/json', url), 'VALIDATION_FAILED');
  });

  it('refuses a path parameter of the wrong shape with VALIDATION_FAILED', async () => {
    expectError(await app.inject({ url: '/essai/personnes/pas-un-uuid' }), 'VALIDATION_FAILED');
  });

  it('refuses a body over 64 KiB with PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ nom: 'x'.repeat(70 * 1024), age: 1 });
    expectError(await post(huge), 'PAYLOAD_TOO_LARGE');
  });

  it.each(['application/xml', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses the content type %s with UNSUPPORTED_MEDIA_TYPE',
    async (contentType) => {
      expectError(await post('nom=%C3%89lo%C3%AFse&age=31', contentType), 'UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('answers a URL it cannot decode with BAD_REQUEST and the security headers', async () => {
    const response = await app.inject({ url: '/essai/personnes/%E0%A4%A' });
    expectError(response, 'BAD_REQUEST');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown route with NOT_FOUND', async () => {
    expectError(await app.inject({ url: '/api/v1/inconnu' }), 'NOT_FOUND');
    expectError(await app.inject({ method: 'DELETE', url: '/health' }), 'NOT_FOUND');
  });

  it('answers an AppError with its own code and status', async () => {
    expectError(await app.inject({ url: '/essai/interdit' }), 'FORBIDDEN');
  });

  it('answers an unexpected failure with INTERNAL and keeps its message to itself', async () => {
    const response = await app.inject({ url: '/essai/panne' });
    expectError(response, 'INTERNAL');
    expect(response.body).not.toContain('panne interne');
  });
});
