import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { errorCatalogue } from '../kernel/errors.js';
import { buildApp } from './app.js';
import { testDeps } from './test-helpers.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('pages', () => {
  let db: Db;
  let app: FastifyInstance;
  const page = async (url: string) => app.inject({ url, headers: { accept: BROWSER_ACCEPT } });

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildApp(testDeps(db, { mode: 'demo' }));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  describe('the home page', () => {
    let body: string;
    beforeAll(async () => {
      const response = await page('/');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      body = response.body;
    });

    it('is a French document with a main landmark and a skip link to it', () => {
      expect(body).toMatch(/^<!doctype html>\s*<html lang="fr">/);
      const mainId = /<main id="([^"]+)"/.exec(body)?.[1];
      expect(mainId).toBeTruthy();
      expect(body).toContain(`<a class="fr-link" href="#${mainId}">Contenu</a>`);
      expect(body.match(/<h1>/g)).toHaveLength(1);
    });

    it('uses the DSFR stylesheet and script from our origin, and no inline script or style', () => {
      expect(body).toMatch(/<link rel="stylesheet" href="\/dsfr\/dsfr\.min\.css\?v=[\d.]+"\s*\/?>/);
      expect(body).toMatch(/<script type="module" src="\/dsfr\/dsfr\.module\.min\.js\?v=[\d.]+"><\/script>/);
      const scripts = body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/(dsfr|static)\//);
      expect(body).not.toMatch(/<style\b/);
      expect(body).not.toMatch(/\sstyle=/);
      expect(body).not.toMatch(/\son[a-z]+=/);
    });

    it('shows the service name and baseline, without the Marianne block reserved to the State', () => {
      expect(body).toContain('<p class="fr-header__service-title">rempart</p>');
      expect(body).toContain('fr-header__service-tagline');
      expect(body).not.toContain('fr-logo');
      expect(body).not.toContain('fr-header__logo');
      expect(body).not.toMatch(/République\s*(<br>)?\s*française/i);
    });

    it('says in French what rempart is, for both sides, and its five promises', () => {
      for (const words of ['offres d’emploi public', 'recruteurs', 'vivier', 'organismes de formation', 'stagiaires']) {
        expect(body).toContain(words);
      }
      expect(body.match(/<h3 class="fr-h5">\d\. /g)).toHaveLength(5);
    });

    it('links to the accessibility statement from the footer', () => {
      // With French typography: a non-breaking space before the colon.
      expect(body).toContain(
        '<a class="fr-footer__bottom-link" href="/accessibilite">Accessibilité\u00a0: non conforme</a>',
      );
    });

    it('tells demo visitors that the data are fictitious', () => {
      expect(body).toContain('Version de démonstration');
    });
  });

  it('has an accessibility statement that says an audit is to come', async () => {
    const response = await page('/accessibilite');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Déclaration d’accessibilité</h1>');
    expect(response.body).toContain('aucun audit n’a encore été réalisé');
  });

  it('shows a French 404 page to browsers', async () => {
    const response = await page('/offres/inexistante?x=<script>');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="fr">');
    expect(response.body).toContain('<h1>Page introuvable</h1>');
    expect(response.body).not.toContain('<script>');
  });

  it('answers JSON 404 to API clients, and under /api/ even to browsers', async () => {
    for (const [url, accept] of [
      ['/offres/inexistante', 'application/json'],
      ['/offres/inexistante', '*/*'],
      ['/api/v1/inexistant', BROWSER_ACCEPT],
    ] as const) {
      const response = await app.inject({ url, headers: { accept } });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: errorCatalogue.NOT_FOUND.message } });
    }
  });

  it('leaves the demo notice out in production mode', async () => {
    const production = await buildApp(testDeps(db, { mode: 'production' }));
    try {
      const response = await production.inject({ url: '/', headers: { accept: BROWSER_ACCEPT } });
      expect(response.body).not.toContain('Version de démonstration');
    } finally {
      await production.close();
    }
  });
});
