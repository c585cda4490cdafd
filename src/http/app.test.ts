import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { errorCatalogue } from '../kernel/errors.js';
import { buildApp } from './app.js';
import { dsfrVersion } from './assets.js';
import { testDeps } from './test-helpers.js';

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** The policy's directives, whatever the spacing around the separators. */
function directives(policy: string): string[] {
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .sort();
}

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  const headers = response.headers;
  expect(directives(String(headers['content-security-policy']))).toEqual(directives(EXPECTED_CSP));
  expect(String(headers['content-security-policy'])).not.toContain('unsafe');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d{8}; includeSubDomains$/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['permissions-policy']).toContain('publickey-credentials-get=(self)');
}

describe('the app', () => {
  let db: Db;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildApp(testDeps(db));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it.each(['/', '/health', '/api/v1', '/accessibilite', '/nulle-part'])(
    'sends the security headers on %s',
    async (url) => {
      const response = await app.inject({ url, headers: { accept: 'text/html' } });
      expectSecurityHeaders(response);
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  it('answers /health with 200 and {status: ok} when the database answers', async () => {
    const response = await app.inject({ url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('describes the API at /api/openapi.json, in French, with the error component and /health', async () => {
    const response = await app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('API rempart');
    expect(doc.info.description).toContain('plateforme publique de l’emploi');
    expect(Object.keys(doc.components.schemas.Erreur.properties.error.properties)).toEqual(['code', 'message']);
    expect(doc.components.schemas.Erreur.properties.error.properties.code.enum).toEqual(Object.keys(errorCatalogue));
    expect(Object.keys(doc.components.schemas)).toEqual(['Erreur']);
    const unavailable = doc.paths['/health'].get.responses['503'];
    expect(unavailable.content['application/json'].schema.$ref).toBe('#/components/schemas/Erreur');
    expect(JSON.stringify(doc)).not.toContain('Default Response');
    expect(doc.paths['/api/v1'].get.responses['200']).toBeDefined();
    expect(Object.keys(doc.paths)).not.toContain('/');
    expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json');
  });

  it('answers the API root with its version', async () => {
    const response = await app.inject({ url: '/api/v1' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ version: 'v1' });
  });

  it('serves its own icon, linked from every page, and answers /favicon.ico with it', async () => {
    const page = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(page.body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.body).toMatch(/^<svg /);
    const legacy = await app.inject({ url: '/favicon.ico' });
    expect(legacy.statusCode).toBe(301);
    expect(legacy.headers.location).toBe('/favicon.svg');
  });

  it.each([
    ['dsfr.min.css', 'text/css'],
    ['utility/utility.min.css', 'text/css'],
    ['dsfr.module.min.js', 'javascript'],
    ['fonts/Marianne-Regular.woff2', 'font/woff2'],
    ['icons/system/close-line.svg', 'image/svg+xml'],
  ])('serves the DSFR file %s with a long cache', async (file, type) => {
    const response = await app.inject({ url: `/dsfr/${file}?v=${dsfrVersion}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(type);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    'dsfr.min.css.map',
    'README.md',
    'dsfr.legacy.min.css',
    'favicon/favicon.svg',
    '../package.json',
    '%2e%2e/package.json',
  ])('does not serve %s from the DSFR folder', async (file) => {
    const response = await app.inject({ url: `/dsfr/${file}` });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: errorCatalogue.NOT_FOUND.message } });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('/health when the database is down', () => {
  // The only stub in these tests: a real database cannot be made to fail on demand.
  const downDb: Db = {
    engine: 'pglite',
    query: async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    },
    transaction: async () => {
      throw new Error('unreachable');
    },
    exec: async () => {
      throw new Error('unreachable');
    },
    close: async () => {},
  };

  it('answers 503 SERVICE_UNAVAILABLE with the catalogue message', async () => {
    const app = await buildApp(testDeps(downDb));
    try {
      const response = await app.inject({ url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        error: { code: 'SERVICE_UNAVAILABLE', message: errorCatalogue.SERVICE_UNAVAILABLE.message },
      });
      expect(response.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
    }
  });
});
