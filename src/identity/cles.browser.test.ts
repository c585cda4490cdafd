import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, listenForBrowser } from '../../test/support/browser.js';
import { openTestDb } from '../../test/support/databases.js';
import { identityApp } from '../../test/support/identity.js';
import type { Db } from '../db/client.js';
import { errorCatalogue } from '../kernel/errors.js';

/**
 * The words static/cles.js shows when a passkey ceremony fails. The browser's and
 * SimpleWebAuthn's messages are English, and SimpleWebAuthn's errors carry a `code` of their
 * own: only our server's answers may be shown as they are (issue 8, English text leaking).
 */
describe('the passkey script’s messages in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = (await identityApp(db)).app;
    base = await listenForBrowser(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  /** The login page, with SimpleWebAuthn's ceremony replaced by one that fails as `thrown` says. */
  async function failingCeremony(thrown: string): Promise<Page> {
    const page = await browser.newPage();
    await page.route('**/static/webauthn.js', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `window.SimpleWebAuthnBrowser = {
          browserSupportsWebAuthn: () => true,
          startAuthentication: async () => { ${thrown} },
        };`,
      }),
    );
    await page.goto(`${base}/connexion`);
    await page.click('button:has-text("Se connecter avec une clé d’accès")');
    await page.waitForSelector('[data-cle-erreur]:not([hidden])');
    return page;
  }

  it('says a cancelled ceremony in French, though SimpleWebAuthn’s error has a code', async () => {
    const page = await failingCeremony(`
      const error = new Error('The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client.');
      error.name = 'NotAllowedError';
      error.code = 'ERROR_PASSKEY_AUTOCOMPLETE_CANCELLED';
      throw error;`);
    const shown = await page.textContent('[data-cle-erreur] p');
    expect(shown).toBe('L’opération a été annulée ou a pris trop de temps. Vous pouvez réessayer.');
    expect(shown).not.toMatch(/operation|allowed/i);
    await page.close();
  });

  it('shows our server’s French message as it is (control: a server error still reaches the person)', async () => {
    const page = await browser.newPage();
    // The options request itself fails with a catalogue answer.
    await page.route('**/connexion/cle/options', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          error: { code: 'TOO_MANY_REQUESTS', message: errorCatalogue.TOO_MANY_REQUESTS.message },
        }),
      }),
    );
    await page.goto(`${base}/connexion`);
    await page.click('button:has-text("Se connecter avec une clé d’accès")');
    await page.waitForSelector('[data-cle-erreur]:not([hidden])');
    expect(await page.textContent('[data-cle-erreur] p')).toBe(errorCatalogue.TOO_MANY_REQUESTS.message);
    await page.close();
  });
});
