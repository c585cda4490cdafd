import { seedPeople } from '../src/seed/seed.purposes.js';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HOTP, Secret } from 'otpauth';
import { totpStep } from '../src/identity/totp/index.js';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/kernel/clock.js';
import { systemRandom } from '../src/kernel/random.js';
import { newTotpSecret } from '../src/identity/totp/index.js';
import type { Vault } from '../src/vault/index.js';
import type { Db } from '../src/db/client.js';
import { launchChromium, launchChromiumProfile, listenForBrowser } from './support/browser.js';
import { openTestDb } from './support/databases.js';
import { person, system } from './support/fixtures.js';
import { addAccount, identityApp } from './support/identity.js';
import { signIn } from './support/sign-in.js';

/**
 * The device-bound session in a real browser: the login page's script makes the key, the
 * session renews itself when the cookie's trust runs out, and a copied cookie is worth nothing
 * in another browser profile (the infostealer case).
 */
describe('device-bound session in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let vault: Vault;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const email = `helene.${randomUUID().slice(0, 6)}@exemple.fr`;
  const second = `yanis.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Une phrase de passe très longue 2026 !';

  beforeAll(async () => {
    db = await openTestDb('pglite');
    // Loopback is the proxy here, so each browser profile can come from its own address.
    const built = await identityApp(db, { clock, trustProxy: '127.0.0.1' });
    app = built.app;
    vault = built.vault;
    const [citizen, other] = [person({ kind: 'job_seeker' }), person({ kind: 'candidate' })];
    await built.vault.write(system, seedPeople, [citizen, other]);
    await addAccount(built.vault, { role: 'job_seeker', personId: citizen.id, email, password });
    await addAccount(built.vault, { role: 'candidate', personId: other.id, email: second, password });
    base = await listenForBrowser(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('logs in with a device key, renews itself, and a copied cookie is useless in another profile', async () => {
    const context = await browser.newContext();
    // The browser signs proofs with its own clock: keep it on the server's injected clock.
    await context.clock.setFixedTime(clock.now());
    const page = await context.newPage();
    await signIn(page, base, { email, password, landing: `${base}/demandeur` });
    expect(await page.textContent('h1')).toBe('Mon espace demandeur d’emploi');
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === '__Host-rempart');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    const keyIsPrivate = await page.evaluate(async () => {
      const pair = await (
        window as unknown as { rempartAppareil: { loadKey(): Promise<CryptoKeyPair> } }
      ).rempartAppareil.loadKey();
      return pair.privateKey.extractable === false;
    });
    expect(keyIsPrivate).toBe(true);

    // Past the cookie's five minutes of trust: the page proves the device by itself.
    clock.advance(5 * 60_000 + 1_000);
    await context.clock.setFixedTime(clock.now());
    await page.goto(`${base}/compte`);
    await page.waitForSelector('h1:has-text("Mon compte")');

    // The same cookie in another browser profile, without the key: sent back to the login.
    const thief = await browser.newContext();
    await thief.addCookies([session!]);
    const stolen = await thief.newPage();
    clock.advance(5 * 60_000 + 1_000);
    await thief.clock.setFixedTime(clock.now());
    await stolen.goto(`${base}/compte`);
    await stolen.waitForURL(/\/connexion\?session=expiree/);
    expect(await stolen.textContent('main')).toContain('Votre session a expiré');
    await thief.close();

    // An hour idle: the citizen's session has ended, and the page says so.
    clock.advance(61 * 60_000);
    await context.clock.setFixedTime(clock.now());
    await page.goto(`${base}/compte`);
    await page.waitForURL(/\/connexion\?session=expiree/);
    await context.close();
  });

  it('enrols TOTP with the QR page, then logs in with password and a TOTP code', async () => {
    const context = await browser.newContext();
    await context.clock.setFixedTime(clock.now());
    const page = await context.newPage();
    // A candidate lands on their own space (the role's home).
    await signIn(page, base, { email: second, password, landing: `${base}/candidat` });
    // Changing MFA is a sensitive action: a citizen without a second factor confirms with the password.
    await page.goto(`${base}/compte/totp`);
    await page.waitForURL(/\/compte\/verification\?retour=%2Fcompte%2Ftotp$/);
    await page.fill('#champ-code', password);
    await page.click('button:has-text("Confirmer avec mon mot de passe")');
    await page.waitForURL(`${base}/compte/totp`);
    expect(await page.getAttribute('img[alt^="Code QR"]', 'src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.textContent('#cle-totp'))!.replace(/\s+/g, '');
    const code = () => HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });
    await page.fill('#champ-code', code());
    await page.click('button:has-text("Activer")');
    await page.waitForSelector('h1:has-text("Vos codes de secours")');
    expect(await page.locator('ul[aria-label="Codes de secours"] li').count()).toBe(10);
    await page.click('button:has-text("Se déconnecter")');
    await page.waitForURL(`${base}/`);

    clock.advance(30_000);
    await context.clock.setFixedTime(clock.now());
    await signIn(page, base, { email: second, password, code, landing: `${base}/candidat` });
    await context.close();
  });

  it('gives a staff profile copied to another machine nothing, even with the device key in it', async () => {
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '66666666666666')",
      [organisation],
    );
    const staffEmail = `ines.${randomUUID().slice(0, 6)}@organisme.fr`;
    const { id } = await addAccount(vault, {
      role: 'of_user',
      organisationId: organisation,
      email: staffEmail,
      password,
    });
    const secret = newTotpSecret(systemRandom);
    await vault.storeTotpSecret(id, secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [id]);
    const profiles = await mkdtemp(path.join(os.tmpdir(), 'rempart-profil-'));
    try {
      // The victim's browser, on its own disk, at the office.
      const victimDir = path.join(profiles, 'victime');
      const victim = await launchChromiumProfile(victimDir, { extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.10' } });
      await victim.clock.setFixedTime(clock.now());
      const page = victim.pages()[0] ?? (await victim.newPage());
      await signIn(page, base, {
        email: staffEmail,
        password,
        code: () => HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) }),
        landing: `${base}/organisme`,
      });
      const cookie = (await victim.cookies()).find((c) => c.name === '__Host-rempart')!;
      await victim.close();

      // The infostealer copies the profile folder, and the cookie, to another machine.
      const thiefDir = path.join(profiles, 'voleur');
      await cp(victimDir, thiefDir, {
        recursive: true,
        filter: (source) => !path.basename(source).startsWith('Singleton'),
      });
      clock.advance(6.5 * 60_000);
      const thief = await launchChromiumProfile(thiefDir, {
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36',
        extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.66' },
      });
      await thief.addCookies([cookie]);
      await thief.clock.setFixedTime(clock.now());
      const stolen = thief.pages()[0] ?? (await thief.newPage());
      // The page's own script proves the copied key, and is sent to the second factor.
      await stolen.goto(`${base}/compte`);
      await stolen.waitForURL(`${base}/compte/verification?retour=%2Fcompte`);
      expect(await stolen.textContent('main')).toContain('Confirmer avec le code');
      // The key did come with the profile, and signs; the API still reads nothing.
      const answer = await stolen.evaluate(async () => {
        const device = (
          window as unknown as {
            rempartAppareil: {
              loadKey(): Promise<CryptoKeyPair | null>;
              signProof(pair: CryptoKeyPair, method: string, path: string, nonce: string): Promise<string>;
            };
          }
        ).rempartAppareil;
        const pair = await device.loadKey();
        if (!pair) return { copied: false, status: 0, body: '' };
        const { nonce } = await (await fetch('/session/nonce')).json();
        const proof = await device.signProof(pair, 'GET', '/api/v1/moi', nonce);
        const response = await fetch('/api/v1/moi', { headers: { 'rempart-proof': proof } });
        return { copied: true, status: response.status, body: await response.text() };
      });
      expect(answer.copied).toBe(true);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'DEVICE_VERIFICATION_REQUIRED' } });
      expect(answer.body).not.toContain(staffEmail);
      await thief.close();
    } finally {
      await rm(profiles, { recursive: true, force: true });
    }
  });
});
