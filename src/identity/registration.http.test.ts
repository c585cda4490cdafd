import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { identityApp, submitForm } from '../../test/support/identity.js';
import { linkFromMailbox } from '../../test/support/mail.js';
import type { Db } from '../db/client.js';
import type { Vault } from '../vault/index.js';
import { createDeviceClient } from './client/proof-client.js';
import { PASSWORD_RULE } from './passwords/index.js';

describe.each(engines)('self-registration with e-mail verification, on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  let deviceKey: string;
  const email = `noemie.${randomUUID().slice(0, 6)}@exemple.fr`;
  const password = 'Ma phrase de passe pour 2026, bien longue !';

  const form = async (url: string, fields: Record<string, string>) =>
    (await submitForm(app, { page: url === '/connexion' ? '/connexion' : '/inscription', url, fields })).response;
  /** Registers, then waits for the work the form queues after its answer. */
  const register = async (address: string, secret = password) => {
    const response = await form('/inscription', {
      kind: 'job_seeker',
      lastName: 'Lefèvre',
      firstName: 'Noémie',
      email: address,
      password: secret,
    });
    await app.afterReply.drain();
    return response;
  };
  const login = () => form('/connexion', { email, password, device_key: deviceKey });
  const mailsTo = async (accountId: string | null) =>
    (
      await db.query<{ params: Record<string, string> }>(
        "SELECT params FROM mail_outbox WHERE template = 'verify_email' AND account_id = $1",
        [accountId],
      )
    ).rows;

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ app, vault } = await identityApp(db));
    await app.ready();
    deviceKey = JSON.stringify((await createDeviceClient()).publicJwk);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('refuses a common or personal password with a French explanation, and keeps what was typed', async () => {
    const response = await register(email, 'noemie-lefevre-2026');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('fr-input-group--error');
    expect(response.body).toContain(`value="${email}"`);
    expect(response.body).not.toContain('noemie-lefevre-2026');
    // One rule, word for word, in the hint and in the error of a weak password under the field.
    const weak = await register(email, 'Soleil2026');
    const hint = /<p class="fr-hint-text fr-mt-1w" id="champ-password-aide">([^<]*)<\/p>/.exec(weak.body)?.[1];
    const error = /<p class="fr-error-text" id="champ-password-erreur">([^<]*)<\/p>/.exec(weak.body)?.[1];
    expect(hint).toContain(PASSWORD_RULE);
    expect(error).toContain(PASSWORD_RULE);
    expect(await vault.findAccountIdByEmail(email)).toBeNull();
  });

  it('tells, before anything is sent, what is collected, why, on which basis, for how long, and the rights (GDPR art. 13)', async () => {
    const page = await app.inject({ url: '/inscription', headers: { accept: 'text/html' } });
    const notice = page.body.slice(page.body.indexOf('id="notice-donnees"'), page.body.indexOf('</form>'));
    for (const heading of [
      'Responsable',
      'Ce que nous collectons',
      'Pourquoi',
      'Base légale',
      'Durée de conservation',
      'Vos droits',
    ]) {
      expect(notice).toContain(`>${heading}</dt>`);
    }
    expect(notice).toContain('href="mailto:');
    expect(notice).toContain('href="/donnees-personnelles"');
  });

  it('answers a new and a taken address alike, and mails only the new one', async () => {
    const first = await register(email);
    expect(first.statusCode).toBe(200);
    const accountId = await vault.findAccountIdByEmail(email);
    expect(accountId).not.toBeNull();
    expect(await mailsTo(accountId)).toHaveLength(1);
    const again = await register(email);
    const main = (body: string) =>
      body.slice(body.indexOf('<main'), body.indexOf('</main>')).replace(/name="_csrf" value="[^"]+"/, '');
    expect(main(again.body)).toBe(main(first.body));
    expect(await mailsTo(accountId)).toHaveLength(1);
  });

  it('activates the account only through the single-use link', async () => {
    expect((await login()).statusCode).toBe(401);
    // The outbox says which link to send, never the link itself (issue 8, item 3).
    expect((await mailsTo(await vault.findAccountIdByEmail(email)))[0]?.params).toEqual({});
    const path = new URL(await linkFromMailbox(app, email, 'Confirmez')).pathname;
    const confirmed = await app.inject({ method: 'GET', url: path });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Adresse confirmée');
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(400);
    expect((await login()).statusCode).toBe(303);
  });
});
