import { seedPeople } from '../src/seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { systemClock } from '../src/kernel/clock.js';
import { issueToken } from '../src/identity/tokens.js';
import { createDeviceClient } from '../src/identity/client/proof-client.js';
import { parseDeviceKey } from '../src/identity/sessions/device-proof.js';
import { testAddressTagKey } from '../src/http/test-helpers.js';
import { addressTag } from '../src/crypto/address-tag.js';
import { createSession } from '../src/identity/sessions/session-store.js';
import { systemRandom } from '../src/kernel/random.js';
import { launchChromium, listenForBrowser } from './support/browser.js';
import { openTestDb } from './support/databases.js';
import { person, system } from './support/fixtures.js';
import { addAccount, identityApp } from './support/identity.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules, the ground RGAA 4.1 builds on) on the open page. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The identity pages in Chromium, checked by axe-core: labels, names, contrast, landmarks,
 * language, ids. Automated rules find a part of what an RGAA audit does, not all of it; the
 * accessibility statement says so.
 */
describe('identity pages pass axe-core’s WCAG A/AA rules', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let invitation: string;
  let organisationId: string;
  let adminId: string;
  const email = `ines.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Une phrase de passe très longue 2026 !';

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const built = await identityApp(db);
    app = built.app;
    const citizen = person({ kind: 'candidate' });
    await built.vault.write(system, seedPeople, [citizen]);
    await addAccount(built.vault, { role: 'candidate', personId: citizen.id, email, password });
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '22222222222222')",
      [organisation],
    );
    const invited = await addAccount(built.vault, { role: 'of_user', organisationId: organisation });
    organisationId = organisation;
    adminId = (await addAccount(built.vault, { role: 'admin', organisationId: organisation })).id;
    invitation = await issueToken(db, {
      accountId: invited.id,
      purpose: 'invitation',
      ttlMs: 3_600_000,
      clock: systemClock,
      random: systemRandom,
    });
    base = await listenForBrowser(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('for public pages and the pages of a signed-in account', async () => {
    // Our CSP forbids injected scripts, axe's included: this context only lets the test in.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const report: Record<string, string[]> = {};
    const check = async (path: string) => {
      await page.goto(`${base}${path}`);
      report[path] = await violations(page);
    };
    for (const path of ['/', '/connexion', '/inscription', '/mot-de-passe-oublie', `/invitation/${invitation}`]) {
      await check(path);
    }
    await page.goto(`${base}/connexion`);
    await page.fill('#champ-email', email);
    await page.fill('#champ-password', password);
    await Promise.all([
      page.waitForURL(`${base}/compte`),
      page.click('button[type="submit"]:has-text("Se connecter")'),
    ]);
    for (const path of [
      '/compte',
      '/compte/sessions',
      '/compte/cles',
      '/compte/mot-de-passe',
      '/compte/verification',
    ]) {
      await check(path);
    }
    // An admin's pages: a session made for this browser (its address and User-Agent).
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const device = await createDeviceClient();
    const session = await createSession(db, {
      accountId: adminId,
      role: 'admin',
      deviceKey: parseDeviceKey(device.publicJwk)!,
      addrTag: addressTag(testAddressTagKey, '127.0.0.1'),
      userAgent,
      mfaAt: new Date(),
      now: new Date(),
      random: systemRandom,
    });
    // The candidate's cookie, as Chromium stored it, now carrying the admin's session.
    const current = (await context.cookies()).find((cookie) => cookie.name === '__Host-rempart')!;
    await context.addCookies([{ ...current, value: session.cookie }]);
    for (const path of [`/gestion/comptes?organisation=${organisationId}`, '/gestion/comptes/nouveau']) {
      await check(path);
    }
    expect(await page.textContent('h1')).toBe('Demander un compte');
    // Control: the same check does see faults on a page that has them.
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    expect((await violations(page)).join('\n')).toMatch(/html-has-lang[\s\S]*image-alt|image-alt[\s\S]*label/);
    await context.close();
    expect(report).toEqual(Object.fromEntries(Object.keys(report).map((path) => [path, []])));
  });
});
