import type { Page } from 'playwright-core';

/** Opens the login page and types the e-mail address and the password, without sending them. */
export async function fillLogin(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/connexion`);
  await page.fill('#champ-email', email);
  await page.fill('#champ-password', password);
}

/**
 * Logs in through the login page as a person does: the e-mail address and the password, then,
 * when `code` is given, the authenticator application's code on the second step. Waits until
 * the browser is at `landing`: the role's home, or the second step when no code is given and
 * the test stops there.
 */
export async function signIn(
  page: Page,
  base: string,
  input: { email: string; password: string; code?: () => string; landing: string },
): Promise<void> {
  await fillLogin(page, base, input.email, input.password);
  const afterPassword = input.code ? `${base}/connexion/verification` : input.landing;
  await Promise.all([page.waitForURL(afterPassword), page.click('button[type="submit"]:has-text("Se connecter")')]);
  if (!input.code) return;
  await page.fill('#champ-code', input.code());
  await Promise.all([page.waitForURL(input.landing), page.click('button:has-text("Valider")')]);
}

/**
 * A new staff member's first steps, as the invitation leads them: the password, then a passkey
 * named `keyName` made by the browser's authenticator, then a login with that passkey. Waits
 * until the browser is at `landing`, the role's home.
 */
export async function activateWithPasskey(
  page: Page,
  base: string,
  input: { invitationLink: string; password: string; keyName: string; landing: string },
): Promise<void> {
  await page.goto(input.invitationLink);
  await page.fill('#champ-password', input.password);
  await page.click('button:has-text("Enregistrer le mot de passe")');
  await page.waitForSelector('h2:has-text("Avec une clé d’accès")');
  await page.fill('#champ-name', input.keyName);
  await Promise.all([
    page.waitForURL(`${base}/connexion?invitation=terminee`),
    page.click('button:has-text("Enregistrer ma clé d’accès")'),
  ]);
  await Promise.all([
    page.waitForURL(input.landing),
    page.click('button:has-text("Se connecter avec une clé d’accès")'),
  ]);
}
