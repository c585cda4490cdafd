import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.js';
import { buildApp } from '../../src/http/app.js';
import { testDeps } from '../../src/http/test-helpers.js';
import { argon2Hasher } from '../../src/identity/login/argon2-hasher.js';
import type { PasswordHasher } from '../../src/identity/login/deps.js';
import type { Clock } from '../../src/kernel/clock.js';
import { createNotify } from '../../src/mail/index.js';
import type { NewAccount, Role, Vault } from '../../src/vault/index.js';
import { makeVault, system } from './fixtures.js';

export const TEST_PUBLIC_URL = 'http://127.0.0.1:3000';

/** The app with its identity services, on a migrated database; not yet ready. */
export async function identityApp(
  db: Db,
  options: { clock?: Clock; passwords?: PasswordHasher; publicUrl?: string; mode?: 'demo' | 'production' } = {},
) {
  const made = await makeVault(db);
  const deps = testDeps(db, { mode: options.mode });
  const clock = options.clock ?? deps.clock;
  const app = await buildApp({
    ...deps,
    clock,
    identity: {
      publicUrl: options.publicUrl ?? TEST_PUBLIC_URL,
      vault: made.vault,
      accessLog: made.accessLog,
      passwords: options.passwords ?? argon2Hasher,
      notify: createNotify({ clock, random: deps.random }),
    },
  });
  return { app, vault: made.vault, accessLog: made.accessLog, clock };
}

/** An active account with a password, created through the vault as the platform would. */
export async function addAccount(
  vault: Vault,
  input: { role: Role; password?: string; organisationId?: string | null; personId?: string | null; email?: string },
): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = input.email ?? `${input.role}.${id.slice(0, 8)}@exemple.fr`;
  const account: NewAccount = {
    id,
    role: input.role,
    organisationId: input.organisationId ?? null,
    personId: input.personId ?? null,
    email,
    displayName: input.role,
    passwordHash: input.password ? await argon2Hasher.hash(input.password) : null,
    status: 'active',
    createdBy: null,
    approvedBy: null,
  };
  await vault.createAccounts(system, [account], 'test');
  return { id, email };
}

/**
 * Opens a form page for its CSRF token and cookie, then posts `fields` to `url` as a browser
 * would. Returns the answer and the cookies the page set.
 */
export async function submitForm(
  app: FastifyInstance,
  input: {
    page: string;
    url: string;
    fields: Record<string, string>;
    remoteAddress?: string;
    userAgent?: string;
    cookie?: string;
  },
) {
  const headers = { ...(input.userAgent ? { 'user-agent': input.userAgent } : {}) };
  const page = await app.inject({
    method: 'GET',
    url: input.page,
    remoteAddress: input.remoteAddress,
    headers: { ...headers, ...(input.cookie ? { cookie: input.cookie } : {}) },
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`pas de jeton CSRF sur ${input.page} (${page.statusCode})`);
  const jar = [...page.cookies.map((c) => `${c.name}=${c.value}`), ...(input.cookie ? [input.cookie] : [])].join('; ');
  const response = await app.inject({
    method: 'POST',
    url: input.url,
    remoteAddress: input.remoteAddress,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    payload: new URLSearchParams({ _csrf: token, ...input.fields }).toString(),
  });
  return { response, jar };
}
