import type { Db } from '../src/db/client.js';
import { testAddressTagKey } from '../src/http/test-helpers.js';
import { addressTag } from '../src/crypto/address-tag.js';
import { createDeviceClient } from '../src/identity/client/proof-client.js';
import { ARGON2_PARAMS, hashPassword, verifyPassword } from '../src/identity/passwords/index.js';
import { parseDeviceKey } from '../src/identity/sessions/device-proof.js';
import { createSession } from '../src/identity/sessions/session-store.js';
import { systemRandom } from '../src/kernel/random.js';
import { addAccount, identityApp } from '../test/support/identity.js';
import { fmt, median, throughput } from './stats.js';

/** Keycloak's published sizing: 15 password-based logins per second per vCPU. */
const KEYCLOAK_LOGINS_PER_VCPU = 15;

/** (d) argon2id verifications per second on one core (one at a time), three runs. */
export async function benchPasswordLogins(): Promise<void> {
  const stored = await hashPassword('Une phrase de passe très longue 2026 !');
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    runs.push(await throughput(40, 1, () => verifyPassword(stored, 'Une phrase de passe très longue 2026 !')));
  }
  const perCore = median(runs);
  console.log(
    `(d) connexions par mot de passe — argon2id m = ${ARGON2_PARAMS.memoryCost} Kio, t = ${ARGON2_PARAMS.timeCost}, p = ${ARGON2_PARAMS.parallelism}`,
  );
  console.log(
    `    ${fmt(perCore, 1)} vérifications/s sur un cœur (médiane) ; Keycloak : ${KEYCLOAK_LOGINS_PER_VCPU}/s par vCPU`,
  );
  console.log(`    ratio : ${fmt(perCore / KEYCLOAK_LOGINS_PER_VCPU, 2)}`);
}

/**
 * (e) The cost of the per-request device proof: the same handler behind `api` access (cookie +
 * proof verified, its nonce spent) and behind a cookie-only access, same app, interleaved.
 */
export async function benchProofCost(db: Db): Promise<void> {
  // Real time: the client signs proofs with the machine's clock.
  const { app, vault } = await identityApp(db, { clock: { now: () => new Date() } });
  const { id: accountId } = await addAccount(vault, { role: 'candidate' });
  const handler = async () => ({ ok: true });
  app.get('/api/v1/banc', { config: { access: { level: 'api' } } }, handler);
  app.get('/banc/sans-preuve', { config: { access: { level: 'session' } } }, handler);
  await app.ready();
  const device = await createDeviceClient();
  const session = await createSession(db, {
    accountId,
    role: 'candidate',
    deviceKey: parseDeviceKey(device.publicJwk)!,
    addrTag: addressTag(testAddressTagKey, '127.0.0.1'),
    userAgent: 'banc',
    mfaAt: null,
    now: new Date(),
    random: systemRandom,
  });
  const cookie = `__Host-rempart=${session.cookie}`;
  // A nonce serves one proof: each answer's Rempart-Nonce feeds the next proof, as a client does.
  const nonces: string[] = [];
  const nextNonce = async () =>
    nonces.pop() ??
    (await app.inject({ method: 'GET', url: '/session/nonce', headers: { cookie } })).json<{ nonce: string }>().nonce;
  const withProof = async () => {
    const proof = await device.proof({ method: 'GET', path: '/api/v1/banc', nonce: await nextNonce() });
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/banc',
      headers: { cookie, 'rempart-proof': proof },
    });
    if (response.statusCode !== 200) throw new Error(`preuve refusée : ${response.body}`);
    nonces.push(String(response.headers['rempart-nonce']));
  };
  const without = async () => {
    const response = await app.inject({ method: 'GET', url: '/banc/sans-preuve', headers: { cookie } });
    if (response.statusCode !== 200) throw new Error('requête refusée');
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < 3; round++) {
    b.push(await throughput(1000, 4, without));
    a.push(await throughput(1000, 4, withProof));
  }
  const proved = median(a);
  const plain = median(b);
  console.log(
    '(e) coût de la preuve par requête — même route, PGlite, 4 requêtes simultanées (signature client comprise)',
  );
  console.log(
    `    sans preuve : ${fmt(plain)} requêtes/s ; avec preuve : ${fmt(proved)} requêtes/s ; ratio ${fmt(proved / plain, 2)}`,
  );
  await app.close();
}
