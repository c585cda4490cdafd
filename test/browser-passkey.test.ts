import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { approveStaffAccount, requestStaffAccount } from '../src/identity/accounts/staff-requests.js';
import { fixedClock } from '../src/kernel/clock.js';
import { freePort, launchChromium, withAuthenticator as withBrowserAuthenticator } from './support/browser.js';
import { openTestDb } from './support/databases.js';
import { identityApp, twoAdmins } from './support/identity.js';
import { linkFromMailbox } from './support/mail.js';
import { signIn } from './support/sign-in.js';

/**
 * Passkeys end to end, in Chromium with its virtual authenticator (reached through CDP): an
 * approved advisor follows the invitation, chooses a password and registers a passkey, then
 * logs in with it alone and after the password; the authenticator must verify the user; a
 * sensitive action asks for the passkey again; the last passkey a policy needs cannot go.
 */
describe('passkeys in Chromium', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let invitationLink: string;
  let advisorId: string;
  let signedIn: { context: BrowserContext; page: Page; cdp: CDPSession; id: string } | undefined;
  const clock = fixedClock(new Date('2026-11-21T08:00:00Z'));
  const email = `mathilde.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Conseillère en insertion depuis 2011 !';

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const port = await freePort();
    base = `http://localhost:${port}`;
    const built = await identityApp(db, { clock, publicUrl: base });
    app = built.app;
    // Two administrators: one asks for the advisor's account, the other approves it.
    const { agency, admins } = await twoAdmins(db, built.vault);
    const deps = built.accounts;
    advisorId = await requestStaffAccount(deps, admins[0], {
      email,
      role: 'advisor',
      organisationId: agency,
      displayName: 'Mathilde Lefèvre',
    });
    await approveStaffAccount(deps, admins[1], advisorId);
    // Delivered as in the demo: the mailbox mints the link when it first shows the message.
    invitationLink = await linkFromMailbox(app, email, 'Invitation');
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  const withAuthenticator = () => withBrowserAuthenticator(browser, clock);

  async function status(): Promise<string> {
    const { rows } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [advisorId]);
    return rows[0]!.status;
  }

  it('activates an approved account by invitation, then logs in with the passkey, alone or after the password', async () => {
    const { context, page, cdp, id } = await withAuthenticator();
    expect(invitationLink.startsWith(`${base}/invitation/`)).toBe(true);
    expect(await status()).toBe('pending');

    await page.goto(invitationLink);
    await page.fill('#champ-password', password);
    await page.click('button:has-text("Enregistrer le mot de passe")');
    await page.waitForSelector('h2:has-text("Avec une clé d’accès")');
    // An advisor must use a passkey: no TOTP is offered.
    expect(await page.locator('img[alt^="Code QR"]').count()).toBe(0);
    await page.fill('#champ-name', 'Ordinateur du bureau');
    await Promise.all([
      page.waitForURL(`${base}/connexion?invitation=terminee`),
      page.click('button:has-text("Enregistrer ma clé d’accès")'),
    ]);
    expect(await status()).toBe('active');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    // The link is spent.
    const again = await page.goto(invitationLink);
    expect(again?.status()).toBe(400);

    // Without a password: the authenticator offers the passkey it holds.
    await page.goto(`${base}/connexion`);
    await Promise.all([
      page.waitForURL(`${base}/conseiller`),
      page.click('button:has-text("Se connecter avec une clé d’accès")'),
    ]);
    expect(await page.textContent('h1')).toBe('Mon portefeuille');
    await page.goto(`${base}/compte/cles`);
    expect(await page.textContent('table')).toContain('Ordinateur du bureau');
    await page.click('button:has-text("Se déconnecter")');
    await page.waitForURL(`${base}/`);

    // After the password, the second step offers the passkey and no code of any kind.
    await signIn(page, base, { email, password, landing: `${base}/connexion/verification` });
    expect(await page.locator('#champ-code').count()).toBe(0);
    expect(await page.locator('summary:has-text("code de secours")').count()).toBe(0);
    await Promise.all([
      page.waitForURL(`${base}/conseiller`),
      page.click('button:has-text("Utiliser ma clé d’accès")'),
    ]);
    expect(await page.textContent('h1')).toBe('Mon portefeuille');
    signedIn = { context, page, cdp, id };
  });

  it('refuses an authenticator that did not verify the user', async () => {
    const { page, cdp, id } = signedIn!;
    const sessions = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE account_id = $1', [advisorId]))
        .rows[0]!.n;
    // Signed out first: a signed-in person who opens the login page is sent to the account.
    await page.click('button:has-text("Se déconnecter")');
    await page.waitForURL(`${base}/`);
    const before = await sessions();
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId: id, isUserVerified: false });
    await page.goto(`${base}/connexion`);
    await page.click('button:has-text("Se connecter avec une clé d’accès")');
    await page.locator('form[data-cle="connexion"] [data-cle-erreur]').waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${base}/connexion`);
    expect(await sessions()).toBe(before);
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId: id, isUserVerified: true });
    await Promise.all([
      page.waitForURL(`${base}/conseiller`),
      page.click('button:has-text("Se connecter avec une clé d’accès")'),
    ]);
  });

  it('asks for the passkey again before a change of MFA, and keeps the last passkey a policy requires', async () => {
    const { context, page } = signedIn!;
    // Six minutes after the login, its check of the passkey is too old for a sensitive action.
    clock.advance(6 * 60_000);
    await context.clock.setFixedTime(clock.now());
    await page.goto(`${base}/compte/cles`);
    await page.waitForSelector('h1:has-text("Clés d’accès")');
    await page.click('button:has-text("Supprimer")');
    await page.waitForURL(`${base}/compte/verification?retour=%2Fcompte%2Fcles`);
    expect(await page.locator('#champ-code').count()).toBe(0);
    await Promise.all([
      page.waitForURL(`${base}/compte/cles`),
      page.click('button:has-text("Confirmer avec ma clé d’accès")'),
    ]);
    // The step-up gave the session a new id: the old one ended as "rotated".
    const rotated = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND end_reason = 'rotated'",
      [advisorId],
    );
    expect(rotated.rows[0]!.n).toBeGreaterThan(0);
    // An advisor must keep a passkey: removing the only one is refused, and it stays.
    await page.click('button:has-text("Supprimer")');
    await page.waitForSelector('text=Vous ne pouvez pas retirer votre dernier moyen de vérification');
    expect(await page.textContent('table')).toContain('Ordinateur du bureau');
    await context.close();
  });
});
