import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../test/support/browser.js';
import { openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { buildApp } from './app.js';
import { testDeps } from './test-helpers.js';

const ORIGIN = 'http://rempart.test';

/**
 * Opens a page whose every request is answered by `app.inject` (nothing listens, and any other
 * origin is refused), recording CSP violations and failed requests.
 */
async function openPage(browser: Browser, app: FastifyInstance, problems: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`erreur de script : ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requête en échec : ${request.url()}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  page.on('console', (message) => {
    if (message.text().startsWith('CSP ')) problems.push(message.text());
  });
  await page.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
    const response = await app.inject({
      method: request.method() as HTTPMethods,
      url: url.pathname + url.search,
      headers: request.headers(),
    });
    return route.fulfill({
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
      body: response.rawPayload,
    });
  });
  return page;
}

describe('pages in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildApp(testDeps(db));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it.each(['/', '/accessibilite', '/nulle-part'])(
    'renders %s with the DSFR under the strict CSP, with no violation',
    async (path) => {
      const problems: string[] = [];
      const page = await openPage(browser, app, problems);
      await page.goto(`${ORIGIN}${path}`);
      await page.evaluate(() => document.fonts.ready);
      // The DSFR's script marks the document once it has started, and its CSS sets Marianne.
      await page.waitForSelector('html[data-fr-js="true"]');
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Marianne');
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('moves focus to the main content with the first skip link', async () => {
    const page = await openPage(browser, app, []);
    await page.goto(`${ORIGIN}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await page.close();
  });
});
