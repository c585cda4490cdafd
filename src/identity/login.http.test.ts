import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { addAccount, identityApp, submitForm } from '../../test/support/identity.js';
import { linkFromMailbox } from '../../test/support/mail.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import type { Vault } from '../vault/index.js';
import { createDeviceClient } from './client/proof-client.js';
import { argon2Hasher } from './login/argon2-hasher.js';
import type { PasswordHasher } from './login/deps.js';
import { generateRecoveryCodes, hashRecoveryCode, storeRecoveryCodes } from './recovery-codes.js';
import { newTotpSecret, totpStep } from './totp/index.js';
import { systemRandom } from '../kernel/random.js';
import { SUPPORT_EMAIL } from '../ui/legal.js';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const password = 'Une phrase de passe très longue 2026 !';

/** Counts argon2id work, to show that every failure costs the same, known e-mail or not. */
function countingHasher(): PasswordHasher & { calls: () => number } {
  let calls = 0;
  return {
    hash: argon2Hasher.hash,
    verify: (stored, candidate) => ((calls += 1), argon2Hasher.verify(stored, candidate)),
    verifyDummy: (candidate) => ((calls += 1), argon2Hasher.verifyDummy(candidate)),
    calls: () => calls,
  };
}

describe.each(engines)('login over HTTP, on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  const clock = fixedClock(new Date('2026-11-20T09:00:00Z'));
  const hasher = countingHasher();
  let deviceKey: string;
  let address = 1;

  const account = (role: 'candidate' | 'of_user', organisationId: string | null) =>
    addAccount(vault, { role, organisationId, password });

  /** A login attempt from its own address (unless given), with a fresh CSRF token. */
  async function login(email: string, secret: string, addr = `198.51.100.${address++}`) {
    const fields = { email, password: secret, device_key: deviceKey };
    const sent = await submitForm(app, {
      page: '/connexion',
      url: '/connexion',
      fields,
      remoteAddress: addr,
      userAgent: chrome,
    });
    return { ...sent, addr };
  }

  async function mfa(
    first: { response: LightMyRequestResponse; jar: string; addr: string },
    code: string,
    url = '/connexion/verification',
  ) {
    const flow = first.response.cookies.find((c) => c.name === '__Host-rempart-connexion')!;
    const cookie = `${first.jar}; ${flow.name}=${flow.value}`;
    const fields = { code, device_key: deviceKey };
    const sent = await submitForm(app, {
      page: '/connexion/verification',
      url,
      fields,
      remoteAddress: first.addr,
      userAgent: chrome,
      cookie,
    });
    return sent.response;
  }

  beforeAll(async () => {
    db = await openTestDb(engine);
    ({ app, vault } = await identityApp(db, { clock, passwords: hasher }));
    await app.ready();
    deviceKey = JSON.stringify((await createDeviceClient()).publicJwk);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers an unknown e-mail exactly as a wrong password, after the same argon2id work', async () => {
    const known = await account('candidate', null);
    const before = hasher.calls();
    const wrong = (await login(known.email, 'mauvais mot de passe')).response;
    expect(hasher.calls() - before).toBe(1);
    const unknown = (await login(`inconnu.${randomUUID()}@exemple.fr`, 'mauvais mot de passe')).response;
    expect(hasher.calls() - before).toBe(2);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const alert = (body: string) => /<div class="fr-alert fr-alert--error[^>]*>\s*<p>([^<]*)<\/p>/.exec(body)?.[1];
    expect(alert(unknown.body)).toBe(alert(wrong.body));
    expect(alert(wrong.body)).toBe('Adresse électronique ou mot de passe incorrect.');
  });

  it('tells a suspended account that it is suspended and whom to ask, only once its password is right', async () => {
    const citizen = await account('candidate', null);
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '44444444444444')",
      [organisation],
    );
    const agent = await account('of_user', organisation);
    await db.query("UPDATE accounts SET status = 'suspended' WHERE id = ANY($1::uuid[])", [[citizen.id, agent.id]]);
    const told = (await login(citizen.email, password)).response;
    expect(told.statusCode).toBe(403);
    expect(told.body).toContain('Votre compte est suspendu');
    expect(told.body).toContain(SUPPORT_EMAIL);
    expect(told.cookies.find((cookie) => cookie.name === '__Host-rempart')).toBeUndefined();
    const staff = (await login(agent.email, password)).response;
    expect(staff.body).toContain('la personne qui gère les comptes de votre organisation');
    // Control: a wrong password learns nothing of the suspension.
    const guessed = (await login(citizen.email, 'mauvais mot de passe')).response;
    expect(guessed.statusCode).toBe(401);
    expect(guessed.body).not.toContain('suspendu');
    expect(guessed.body).toContain('Adresse électronique ou mot de passe incorrect.');
  });

  it('slows a guessed password down after a few failures, then locks the account', async () => {
    const target = await account('candidate', null);
    for (let i = 0; i < 4; i++) expect((await login(target.email, `essai-${i}`)).response.statusCode).toBe(401);
    expect((await login(target.email, password)).response.statusCode).toBe(401);
    clock.advance(61_000);
    expect((await login(target.email, password)).response.statusCode).toBe(303);
    for (let i = 0; i < 10; i++) {
      clock.advance(61_000);
      await login(target.email, `essai-${i}`);
    }
    clock.advance(61_000);
    expect((await login(target.email, password)).response.statusCode).toBe(401);
    const { rows } = await db.query("SELECT 1 FROM access_log WHERE action = 'auth.login.locked' AND actor_id = $1", [
      target.id,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    clock.advance(16 * 60_000);
    expect((await login(target.email, password)).response.statusCode).toBe(303);
  });

  it('throttles one address that fails too often, whatever the e-mail', async () => {
    const addr = '203.0.113.200';
    for (let i = 0; i < 20; i++) await login(`personne.${i}@exemple.fr`, 'x', addr);
    const blocked = (await login('quelquun@exemple.fr', 'x', addr)).response;
    expect(blocked.statusCode).toBe(429);
  });

  it('asks staff for a TOTP code after the password, and refuses a code used once already', async () => {
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '11111111111111')",
      [organisation],
    );
    const agent = await account('of_user', organisation);
    const secret = newTotpSecret(systemRandom);
    await vault.storeTotpSecret(agent.id, secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [agent.id]);
    const code = HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });

    const first = await login(agent.email, password);
    expect(first.response.statusCode).toBe(303);
    expect(first.response.headers.location).toBe('/connexion/verification');
    expect(first.response.cookies.find((c) => c.name === '__Host-rempart')).toBeUndefined();
    const done = await mfa(first, code);
    expect(done.statusCode, done.body).toBe(303);
    expect(done.cookies.find((c) => c.name === '__Host-rempart')).toBeDefined();

    const replay = await mfa(await login(agent.email, password), code);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('Code incorrect ou déjà utilisé');
  });

  it('accepts a recovery code once, instead of the TOTP code', async () => {
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '22222222222222')",
      [organisation],
    );
    const agent = await account('of_user', organisation);
    await vault.storeTotpSecret(agent.id, newTotpSecret(systemRandom));
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [agent.id]);
    const codes = generateRecoveryCodes(systemRandom);
    await storeRecoveryCodes(db, agent.id, codes.map(hashRecoveryCode));
    const used = await mfa(await login(agent.email, password), codes[3]!, '/connexion/secours');
    expect(used.statusCode, used.body).toBe(303);
    const again = await mfa(await login(agent.email, password), codes[3]!, '/connexion/secours');
    expect(again.statusCode).toBe(401);
  });

  it('resets a password by e-mail without bypassing MFA, and ends every session', async () => {
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF', '33333333333333')",
      [organisation],
    );
    const agent = await account('of_user', organisation);
    await vault.storeTotpSecret(agent.id, newTotpSecret(systemRandom));
    await db.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [agent.id]);
    const form = async (url: string, fields: Record<string, string>, page = '/mot-de-passe-oublie') =>
      (await submitForm(app, { page, url, fields })).response;
    const unknown = await form('/mot-de-passe-oublie', { email: `personne.${randomUUID()}@exemple.fr` });
    const known = await form('/mot-de-passe-oublie', { email: agent.email });
    const main = (body: string) =>
      body.slice(body.indexOf('<main'), body.indexOf('</main>')).replace(/name="_csrf" value="[^"]+"/, '');
    expect(main(known.body)).toBe(main(unknown.body));
    const link = await linkFromMailbox(app, agent.email, 'Réinitialisation');
    const token = new URL(link).pathname.split('/').at(-1)!;
    const fresh = 'Un tout autre mot de passe, assez long, 2026 !';
    const done = await form('/mot-de-passe/nouveau', { token, password: fresh });
    expect(done.statusCode).toBe(303);
    expect(done.cookies.find((c) => c.name === '__Host-rempart')).toBeUndefined();
    expect(
      (await form('/mot-de-passe/nouveau', { token, password: 'Encore un autre mot de passe, 2026 !' })).statusCode,
    ).toBe(400);
    const next = await login(agent.email, fresh);
    expect(next.response.statusCode).toBe(303);
    expect(next.response.headers.location).toBe('/connexion/verification');
    expect(next.response.cookies.find((c) => c.name === '__Host-rempart')).toBeUndefined();
  });
});
