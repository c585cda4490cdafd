import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { HOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { addAccount, identityApp } from '../../test/support/identity.js';
import { softAuthenticator } from '../../test/support/soft-authenticator.js';
import { FormBrowser as Browser, signedInBrowser } from '../../test/support/form-browser.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import type { Role, Vault } from '../vault/index.js';
import { localReturnPath } from './access.js';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  remainingRecoveryCodes,
  storeRecoveryCodes,
} from './recovery-codes.js';
import { createDeviceClient } from './client/proof-client.js';
import { PASSWORD_RULE } from './passwords/index.js';
import { issueToken } from './tokens.js';
import { newTotpSecret, totpStep } from './totp/index.js';

const origin = 'http://localhost:3000';

const codeOf = (response: LightMyRequestResponse) => (response.json() as { error?: { code: string } }).error?.code;

describe.each(engines)('passkeys, step-up and invitations over HTTP, on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let vault: Vault;
  const clock = fixedClock(new Date('2026-11-22T10:00:00Z'));
  const orgA = randomUUID();
  const orgB = randomUUID();

  const signedIn = (accountId: string, role: Role, mfaAgoMs = 0) =>
    signedInBrowser(app, db, { accountId, role, clock, mfaAgoMs, firstPage: '/compte/cles' });

  async function staff(role: Role, organisationId: string) {
    return addAccount(vault, { role, organisationId, password: 'Un mot de passe de test assez long 2026 !' });
  }

  /** Registers a passkey from the account's page; returns the authenticator that holds it. */
  async function enrolPasskey(browser: Browser, name = 'Clé du bureau') {
    const authenticator = softAuthenticator(origin);
    const options = await browser.json('/compte/cles/options', {});
    expect(options.statusCode, options.body).toBe(200);
    const response = authenticator.register(options.json().options);
    const done = await browser.json('/compte/cles', { name, response });
    expect(done.statusCode, done.body).toBe(200);
    return authenticator;
  }

  beforeAll(async () => {
    db = await openTestDb(engine);
    const built = await identityApp(db, { clock, publicUrl: origin });
    ({ app, vault } = built);
    for (const [id, name] of [
      [orgA, 'Agence de Brest'],
      [orgB, 'Agence de Colmar'],
    ]) {
      await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'agency', $2)", [id, name]);
    }
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('registers a passkey only with user verification, then changes the session id and ends the others', async () => {
    const { id } = await staff('advisor', orgA);
    const other = await signedIn(id, 'advisor');
    const browser = await signedIn(id, 'advisor');
    const before = browser.cookies.get('__Host-rempart');

    const refused = await browser.json('/compte/cles/options', {});
    const withoutUv = softAuthenticator(origin).register(refused.json().options, { userVerified: false });
    const answer = await browser.json('/compte/cles', { response: withoutUv });
    expect(codeOf(answer)).toBe('PASSKEY_INVALID');

    await enrolPasskey(browser, '  Clé   du bureau  ');
    expect(browser.cookies.get('__Host-rempart')).not.toBe(before);
    expect((await browser.open('/compte')).body).toContain('Mon compte');
    const old = await other.open('/compte');
    expect(old.statusCode).toBe(303);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM passkeys WHERE account_id = $1', [id]);
    expect(rows.map((row) => row.name)).toEqual(['Clé du bureau']);
    const mail = await db.query("SELECT 1 FROM mail_outbox WHERE account_id = $1 AND template = 'mfa_changed'", [id]);
    expect(mail.rows).toHaveLength(1);
    const journal = await db.query("SELECT 1 FROM access_log WHERE actor_id = $1 AND action = 'auth.mfa.enrolled'", [
      id,
    ]);
    expect(journal.rows).toHaveLength(1);
  });

  it('logs in by passkey alone; refuses another origin, a replayed answer and a counter gone back', async () => {
    const { id } = await staff('advisor', orgA);
    const authenticator = await enrolPasskey(await signedIn(id, 'advisor'));
    const device = await createDeviceClient();
    const visitor = new Browser(app);
    const login = async (misbehave: Parameters<typeof authenticator.authenticate>[2] = {}) => {
      await visitor.open('/connexion');
      const options = (await visitor.json('/connexion/cle/options', {})).json().options;
      const response = authenticator.authenticate(options, 'localhost', misbehave);
      return { response, answer: await visitor.json('/connexion/cle', { response, device_key: device.publicJwk }) };
    };

    const phished = await login({ origin: 'https://rempart-connexion.example' });
    expect(codeOf(phished.answer)).toBe('PASSKEY_INVALID');
    const ok = await login();
    expect(ok.answer.statusCode, ok.answer.body).toBe(200);
    expect(ok.answer.json()).toEqual({ redirect: '/espace' });
    expect(visitor.cookies.has('__Host-rempart')).toBe(true);
    // The same answer again: its challenge is spent.
    const replay = await visitor.json('/connexion/cle', { response: ok.response, device_key: device.publicJwk });
    expect(codeOf(replay)).toBe('LOGIN_EXPIRED');
    // A cloned authenticator shows itself by a counter that does not move forward.
    const cloned = await login({ counter: 1 });
    expect(codeOf(cloned.answer)).toBe('PASSKEY_INVALID');
  });

  it('gives another account’s passkey nothing: not after a password, not in a step-up, not to revoke', async () => {
    const a = await staff('advisor', orgA);
    const b = await staff('advisor', orgB);
    await enrolPasskey(await signedIn(a.id, 'advisor'));
    const bBrowser = await signedIn(b.id, 'advisor');
    const bKey = await enrolPasskey(bBrowser);
    const bCredential = bKey.credentials[0]!;

    // A's password, then B's passkey as the second step.
    const visitor = new Browser(app);
    const device = await createDeviceClient();
    await visitor.open('/connexion');
    const first = await visitor.form('/connexion', {
      email: a.email,
      password: 'Un mot de passe de test assez long 2026 !',
      device_key: JSON.stringify(device.publicJwk),
    });
    expect(first.headers.location).toBe('/connexion/verification');
    await visitor.open('/connexion/verification');
    const options = (await visitor.json('/connexion/cle/options', {})).json().options;
    const foreign = bKey.authenticate(options, 'localhost', { credential: bCredential });
    expect(codeOf(await visitor.json('/connexion/cle', { response: foreign, device_key: device.publicJwk }))).toBe(
      'PASSKEY_INVALID',
    );

    // A's session, step-up answered with B's passkey.
    const aBrowser = await signedIn(a.id, 'advisor', 10 * 60_000);
    const stepOptions = (await aBrowser.json('/compte/verification/cle/options', {})).json().options;
    const stepAnswer = bKey.authenticate(stepOptions, 'localhost', { credential: bCredential });
    expect(codeOf(await aBrowser.json('/compte/verification/cle', { response: stepAnswer }))).toBe('PASSKEY_INVALID');

    // A, freshly verified, tries to revoke B's passkey: as if it did not exist; it stays.
    const fresh = await signedIn(a.id, 'advisor');
    const revoke = await fresh.form('/compte/cles/supprimer', { passkey: bCredential.id.toString('base64url') });
    expect(revoke.statusCode).toBe(404);
    const { rows } = await db.query('SELECT 1 FROM passkeys WHERE account_id = $1 AND revoked_at IS NULL', [b.id]);
    expect(rows).toHaveLength(1);
  });

  it('asks for a step-up before changing MFA, by passkey, TOTP (never twice the same code) or a citizen’s password', async () => {
    expect(localReturnPath('//evil.example/x')).toBe('/compte');
    expect(localReturnPath('https://evil.example/compte/cles')).toBe('/compte/cles');
    expect(localReturnPath('javascript:alert(1)')).toBe('/compte');

    const { id } = await staff('of_user', orgA);
    const secret = newTotpSecret(systemRandom);
    await vault.storeTotpSecret(id, secret);
    await db.query('UPDATE totp_credentials SET confirmed_at = $2 WHERE account_id = $1', [id, clock.now()]);
    const stale = await signedIn(id, 'of_user', 6 * 60_000);
    expect(codeOf(await stale.json('/compte/cles/options', {}))).toBe('STEP_UP_REQUIRED');
    const page = await stale.open('/compte/totp');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/compte/verification?retour=%2Fcompte%2Ftotp');
    const verification = await stale.open('/compte/verification?retour=%2Fcompte%2Fcles');
    expect(verification.body).toContain('Confirmer avec le code');
    expect(verification.body).not.toContain('Confirmer avec mon mot de passe');

    const before = stale.cookies.get('__Host-rempart');
    const code = HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });
    const passed = await stale.form('/compte/verification', { method: 'totp', code, retour: '/compte/cles' });
    expect(passed.statusCode).toBe(303);
    expect(passed.headers.location).toBe('/compte/cles');
    expect(stale.cookies.get('__Host-rempart')).not.toBe(before);
    expect((await stale.json('/compte/cles/options', {})).statusCode).toBe(200);
    // A staff member cannot fall back on the password.
    const other = await signedIn(id, 'of_user', 6 * 60_000);
    const password = await other.form('/compte/verification', {
      method: 'password',
      code: 'Un mot de passe de test assez long 2026 !',
    });
    expect(password.statusCode).toBe(401);
    const replayed = await other.form('/compte/verification', { method: 'totp', code });
    expect(replayed.statusCode).toBe(401);
  });

  it('activates an approved account only through its invitation: password first, then the factor, link spent', async () => {
    const { id } = await addAccount(vault, { role: 'of_user', organisationId: orgA });
    await db.query("UPDATE accounts SET status = 'pending', approved_by = NULL WHERE id = $1", [id]);
    const admin = await staff('admin', orgA);
    await db.query('UPDATE accounts SET approved_by = $2 WHERE id = $1', [id, admin.id]);
    const token = await issueToken(db, {
      accountId: id,
      purpose: 'invitation',
      ttlMs: 3_600_000,
      clock,
      random: systemRandom,
    });
    const invited = new Browser(app);

    const first = await invited.open(`/invitation/${token}`);
    expect(first.body).toContain('Étape 1 sur 2');
    expect(first.body).toContain(PASSWORD_RULE);
    expect(codeOf(await invited.json('/invitation/cle/options', { token }))).toBe('FORBIDDEN');
    const weak = await invited.form('/invitation/mot-de-passe', { token, password: 'motdepasse' });
    expect(weak.statusCode).toBe(400);
    const set = await invited.form('/invitation/mot-de-passe', {
      token,
      password: 'Formatrice à Quimper depuis 2019 !',
    });
    expect(set.headers.location).toBe(`/invitation/${token}`);

    const second = await invited.open(`/invitation/${token}`);
    expect(second.body).toContain('Étape 2 sur 2');
    const secret = /<code id="cle-totp">([A-Z2-7 ]+)<\/code>/.exec(second.body)![1]!.replace(/\s+/g, '');
    const wrong = await invited.form('/invitation/totp', { token, code: '000000' });
    expect(wrong.statusCode).toBe(400);
    // The same secret is shown again: nothing to scan anew.
    expect(wrong.body.replace(/\s+/g, '')).toContain(secret);
    const code = HOTP.generate({ secret: Secret.fromBase32(secret), counter: totpStep(clock.now()) });
    const done = await invited.form('/invitation/totp', { token, code });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Vos codes de secours');
    const { rows } = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [id]);
    expect(rows[0]!.status).toBe('active');
    expect((await invited.open(`/invitation/${token}`)).statusCode).toBe(400);
  });

  it('never lets a recovery code stand in for a passkey a policy requires', async () => {
    const { id, email } = await staff('advisor', orgA);
    await enrolPasskey(await signedIn(id, 'advisor'));
    const [recovery] = generateRecoveryCodes(systemRandom, 1);
    await storeRecoveryCodes(db, id, [hashRecoveryCode(recovery!)]);
    const visitor = new Browser(app);
    const device = await createDeviceClient();
    await visitor.open('/connexion');
    await visitor.form('/connexion', {
      email,
      password: 'Un mot de passe de test assez long 2026 !',
      device_key: JSON.stringify(device.publicJwk),
    });
    const second = await visitor.open('/connexion/verification');
    expect(second.body).not.toContain('code de secours');
    const answer = await visitor.form('/connexion/secours', {
      code: recovery!,
      device_key: JSON.stringify(device.publicJwk),
    });
    expect(answer.statusCode).toBe(401);
    expect(visitor.cookies.has('__Host-rempart')).toBe(false);
    // The code itself was good: it is still there, unspent.
    expect(await remainingRecoveryCodes(db, id)).toBe(1);
  });

  it('changes the password only with the current one, then ends the other sessions and tells the owner', async () => {
    const { id, email } = await staff('recruiter', orgA);
    const other = await signedIn(id, 'recruiter');
    const browser = await signedIn(id, 'recruiter');
    await browser.open('/compte/mot-de-passe');
    const wrong = await browser.form('/compte/mot-de-passe', {
      current: 'pas le bon mot de passe',
      password: 'Recruteuse au ministère depuis 2015 !',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mot de passe actuel incorrect.');
    const before = browser.cookies.get('__Host-rempart');
    const changed = await browser.form('/compte/mot-de-passe', {
      current: 'Un mot de passe de test assez long 2026 !',
      password: 'Recruteuse au ministère depuis 2015 !',
    });
    expect(changed.headers.location).toBe('/compte?motdepasse=change');
    expect(browser.cookies.get('__Host-rempart')).not.toBe(before);
    expect((await browser.open('/compte')).statusCode).toBe(200);
    expect((await other.open('/compte')).statusCode).toBe(303);
    const mail = await db.query("SELECT 1 FROM mail_outbox WHERE account_id = $1 AND template = 'password_changed'", [
      id,
    ]);
    expect(mail.rows).toHaveLength(1);
    expect(await vault.findAccountIdByEmail(email)).toBe(id);
  });

  it('limits how many anonymous ceremonies one address may start', async () => {
    const visitor = new Browser(app, '198.51.100.77');
    await visitor.open('/connexion');
    const answers: number[] = [];
    for (let i = 0; i < 30; i += 1) answers.push((await visitor.json('/connexion/cle/options', {})).statusCode);
    expect(answers.slice(0, 30).every((status) => status === 200)).toBe(true);
    const refused = await visitor.json('/connexion/cle/options', {});
    expect(refused.statusCode).toBe(429);
    expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
  });
});
