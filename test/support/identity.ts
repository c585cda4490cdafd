import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.js';
import { buildApp } from '../../src/http/app.js';
import { appDepsOf } from '../../src/app-deps.js';
import { createLogger } from '../../src/http/logger.js';
import type { Web } from '../../src/http/kit/index.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { seedAccounts } from '../../src/seed/seed.purposes.js';
import { argon2Hasher } from '../../src/identity/login/argon2-hasher.js';
import type { PasswordHasher } from '../../src/identity/login/deps.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { AccountsDeps } from '../../src/identity/accounts/staff-requests.js';
import type { Actor, NewAccount, Role, Vault } from '../../src/vault/index.js';
import { makeVault, system } from './fixtures.js';

export const TEST_PUBLIC_URL = 'http://127.0.0.1:3000';

/** The app with its identity services, on a migrated database; not yet ready. */
export async function identityApp(
  db: Db,
  options: {
    clock?: Clock;
    passwords?: PasswordHasher;
    publicUrl?: string;
    trustProxy?: string;
    /** Routes or role homes a test adds through the kit, as a domain would. */
    extend?: (web: Web) => void;
  } = {},
) {
  const made = await makeVault(db, { clock: options.clock ?? fixedClock(new Date('2026-04-07T09:00:00Z')) });
  const deps = appDepsOf(made.platform, {
    logger: createLogger({ level: process.env.TEST_LOG ?? 'silent' }),
    passwords: options.passwords,
    publicUrl: options.publicUrl ?? TEST_PUBLIC_URL,
    trustProxy: options.trustProxy,
  });
  const app = await buildApp(deps, options.extend);
  /** The account services as the routes get them, to call a use case directly. */
  const accounts: AccountsDeps = {
    ...deps.identity!,
    db,
    clock: made.clock,
    random: deps.random,
    addressTagKey: deps.addressTagKey,
  };
  return { app, vault: made.vault, accessLog: made.accessLog, clock: made.clock, platform: made.platform, accounts };
}

/** Two admins of a new agency: one asks for a staff account, the other approves it. */
export async function twoAdmins(db: Db, vault: Vault): Promise<{ agency: string; admins: [Actor, Actor] }> {
  const agency = randomUUID();
  await db.query("INSERT INTO organisations (id, kind, name) VALUES ($1, 'agency', 'Agence de Limoges')", [agency]);
  const admin = async (name: string): Promise<Actor> => {
    const email = `${name}.${randomUUID().slice(0, 6)}@exemple.fr`;
    const { id } = await addAccount(vault, { role: 'admin', organisationId: agency, email });
    const session = { personId: null, sessionId: null, clientAddr: '127.0.0.1' };
    return { kind: 'account', accountId: id, role: 'admin', organisationId: agency, ...session };
  };
  return { agency, admins: [await admin('premier'), await admin('second')] };
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
    approvedAt: null,
  };
  await vault.write(system, seedAccounts, [account]);
  return { id, email };
}

/**
 * Opens a form page for its CSRF token and cookie, then posts `fields` to `url` as a browser
 * would. Returns the answer, the cookies the page set, and what the post took: wall time, and
 * this process's CPU time (which other load on the machine does not inflate).
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
  const payload = new URLSearchParams({ _csrf: token, ...input.fields }).toString();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const response = await app.inject({
    method: 'POST',
    url: input.url,
    remoteAddress: input.remoteAddress,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    payload,
  });
  const used = process.cpuUsage(cpu);
  return { response, jar, elapsedMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}
