import { createHash, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { approveStaffAccount, requestStaffAccount } from '../src/identity/accounts/staff-requests.js';
import { createLinkMinter } from '../src/identity/links.js';
import type { PasswordHasher } from '../src/identity/login/deps.js';
import { issueToken, MAX_TOKEN_TTL_MS } from '../src/identity/tokens.js';
import { fixedClock } from '../src/kernel/clock.js';
import { systemRandom } from '../src/kernel/random.js';
import { createMailer, createSmtpTransport } from '../src/mail/index.js';
import { createLogger } from '../src/http/logger.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/mail/test-helpers.js';
import { createPostgresDatabase } from './support/databases.js';
import { addAccount, identityApp, submitForm, TEST_PUBLIC_URL, twoAdmins } from './support/identity.js';
import { openMailbox } from './support/mail.js';
import { templateBlob } from './support/pglite-template.js';

/*
 * Issue 8, item 3, and DESIGN.md "usable secrets in a dump: 0". After registrations, password
 * resets and staff invitations, delivered over SMTP and through the demo mailbox, every
 * token-like string in the raw PGlite files and in a pg_dump is tried on the routes a token
 * opens, and none opens anything. Two controls show the test can fail: a token planted in
 * clear in a scratch table is found and does open its route, and the links the messages
 * carried still work after the scan (live tokens existed while the database was read).
 */

const clock = fixedClock(new Date('2026-11-25T09:00:00Z'));
const password = 'Une phrase de passe assez longue, 2026 !';
const TOKEN_LENGTH = 43;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The tries set passwords only when a token opens: argon2id's cost is not what is tested here. */
const quickHasher: PasswordHasher = {
  hash: async (secret) => `essai:${sha256(secret)}`,
  verify: async (stored, secret) => stored === `essai:${sha256(secret)}`,
  verifyDummy: async () => undefined,
};
/** What the links that left open: an address confirmed, a password set, two invitation pages. */
const OPENED_BY_LINKS = [['inscription 200'], ['mot de passe 303'], ['invitation 200'], ['invitation 200']];

interface Scenario {
  /** Links that left in messages (SMTP, demo mailbox) or for demo-accounts.json: never in the database. */
  links: { verify: string[]; reset: string[]; invitation: string[] };
  /** A live reset token written in clear on purpose, in a scratch table. */
  control: string;
}

/** Every string that could be a token: base64url or base64 runs, and hex runs read as bytes. */
function tokenCandidates(bytes: Buffer, into: Set<string>, exact: Set<string>): void {
  const text = bytes.toString('latin1');
  for (const [run] of text.matchAll(/[A-Za-z0-9_+/-]{43,}/g)) {
    const url = run.replace(/\+/g, '-').replace(/\//g, '_');
    if (url.length === TOKEN_LENGTH) exact.add(url);
    for (let i = 0; i + TOKEN_LENGTH <= url.length; i++) into.add(url.slice(i, i + TOKEN_LENGTH));
  }
  for (const [run] of text.matchAll(/[0-9a-fA-F]{64,}/g)) {
    for (let i = 0; i + 64 <= run.length; i += 2) {
      const token = Buffer.from(run.slice(i, i + 64), 'hex').toString('base64url');
      into.add(token);
      exact.add(token);
    }
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The candidates to try: every run of exactly a token's length, and every window of a longer
 * run whose SHA-256 is a token the database knows (the lookup the routes make, done for all
 * windows at once).
 */
async function candidatesToTry(db: Db, windows: Set<string>, exact: Set<string>): Promise<string[]> {
  const { rows } = await db.query<{ token_hash: Uint8Array }>('SELECT token_hash FROM account_tokens');
  const known = new Set(rows.map((row) => Buffer.from(row.token_hash).toString('hex')));
  const matched = [...windows].filter((window) => known.has(sha256(window)));
  return [...new Set([...exact, ...matched])];
}

/** Registrations, resets and an approved invitation, delivered as the platform delivers them. */
async function populate(db: Db, smtp: TestSmtpServer): Promise<Scenario> {
  const { app, vault, accounts: deps } = await identityApp(db, { clock });
  const mintLink = createLinkMinter({ publicUrl: TEST_PUBLIC_URL, clock, random: systemRandom });
  const mailer = createMailer({
    db,
    vault,
    clock,
    random: systemRandom,
    logger: createLogger({ level: 'silent' }),
    transport: createSmtpTransport(smtp.url),
    mintLink,
  });
  for (const n of [1, 2]) {
    const fields = { kind: 'candidate', lastName: 'Lefèvre', firstName: 'Noémie', password };
    const email = `noemie.${n}.${randomUUID().slice(0, 6)}@exemple.fr`;
    const remoteAddress = `198.51.100.${n}`;
    await submitForm(app, { page: '/inscription', url: '/inscription', fields: { ...fields, email }, remoteAddress });
  }
  await app.afterReply.drain();
  await mailer.deliverPending(); // the two verification links leave over SMTP
  for (const n of [1, 2]) {
    const { email } = await addAccount(vault, { role: 'job_seeker', password });
    const fields = { email };
    const remoteAddress = `203.0.113.${n}`;
    await submitForm(app, { page: '/mot-de-passe-oublie', url: '/mot-de-passe-oublie', fields, remoteAddress });
  }
  const { agency, admins } = await twoAdmins(db, vault);
  const staff = {
    email: `conseil.${randomUUID().slice(0, 6)}@exemple.fr`,
    organisationId: agency,
    displayName: 'Paul Roux',
  };
  const advisor = await requestStaffAccount(deps, admins[0], { ...staff, role: 'advisor' });
  await approveStaffAccount(deps, admins[1], advisor);
  // The resets and the invitation are delivered by the demo mailbox, as in a demo without SMTP.
  const shown = (await openMailbox(app)).flatMap((mail) => mail.links);
  // A seeded demo invitation: its link goes to demo-accounts.json, outside the database.
  const seeded = await requestStaffAccount(deps, admins[0], { ...staff, email: `x${staff.email}`, role: 'advisor' });
  const demoFileLink = await mintLink(db, { accountId: seeded, purpose: 'invitation', ttlMs: MAX_TOKEN_TTL_MS });
  // One more reset stays in the outbox, undelivered: it holds no link at all.
  const { email: waiting } = await addAccount(vault, { role: 'candidate', password });
  await submitForm(app, { page: '/mot-de-passe-oublie', url: '/mot-de-passe-oublie', fields: { email: waiting } });
  await app.afterReply.drain();
  const { id: controlAccount } = await addAccount(vault, { role: 'candidate', password });
  const control = await issueToken(db, {
    accountId: controlAccount,
    purpose: 'reset_password',
    ttlMs: 3600_000,
    clock,
    random: systemRandom,
  });
  await db.exec('CREATE TABLE token_control (value text NOT NULL)');
  await db.query('INSERT INTO token_control (value) VALUES ($1)', [control]);
  await app.close();
  const smtpLinks = smtp.received.flatMap((mail) => mail.text.match(/https?:\/\/\S+/g) ?? []);
  const all = [...smtpLinks, ...shown, demoFileLink];
  return {
    links: {
      verify: all.filter((link) => link.includes('/inscription/confirmer/')),
      reset: all.filter((link) => link.includes('/mot-de-passe/nouveau/')),
      invitation: all.filter((link) => link.includes('/invitation/')),
    },
    control,
  };
}

/** Tries `token` on every route a token opens; returns the routes it opened. */
async function tryToken(app: FastifyInstance, form: { cookie: string; csrf: string }, token: string) {
  const opened: string[] = [];
  const confirm = await app.inject({ url: `/inscription/confirmer/${encodeURIComponent(token)}` });
  if (confirm.statusCode !== 400) opened.push(`inscription ${confirm.statusCode}`);
  const invitation = await app.inject({ url: `/invitation/${encodeURIComponent(token)}` });
  if (invitation.statusCode !== 400) opened.push(`invitation ${invitation.statusCode}`);
  const reset = await app.inject({
    method: 'POST',
    url: '/mot-de-passe/nouveau',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    payload: new URLSearchParams({
      _csrf: form.csrf,
      token,
      password: 'Un autre mot de passe bien long, 2027 !',
    }).toString(),
  });
  if (reset.statusCode !== 400) opened.push(`mot de passe ${reset.statusCode}`);
  return opened;
}

async function tryAll(app: FastifyInstance, candidates: readonly string[]): Promise<Map<string, string[]>> {
  const page = await app.inject({ url: '/mot-de-passe/nouveau/x' });
  const form = {
    cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
  };
  const opened = new Map<string, string[]>();
  // A few at a time: the pg_dump holds hundreds of hex hashes, each read as a candidate.
  for (let i = 0; i < candidates.length; i += 8) {
    const batch = candidates.slice(i, i + 8);
    const results = await Promise.all(batch.map((token) => tryToken(app, form, token)));
    batch.forEach((token, j) => results[j]!.length > 0 && opened.set(token, results[j]!));
  }
  return opened;
}

/** The links that left in messages still work: live tokens existed while the database was read. */
async function linksStillWork(app: FastifyInstance, links: Scenario['links']) {
  const token = (link: string) => new URL(link).pathname.split('/').at(-1)!;
  const opened = await tryAll(app, [links.verify[0]!, links.reset[0]!, ...links.invitation].map(token));
  return [...opened.values()];
}

describe('no usable token at rest', () => {
  let smtp: TestSmtpServer;
  const dirs: string[] = [];
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** Each copy an attacker could hold: the scenario written, the copy's bytes, and the database to try on. */
  const copies = {
    'the raw PGlite files': async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'rempart-tokens-'));
      dirs.push(dir);
      // The run's migrated cluster, rather than an initdb of its own.
      const first = await openPglite(dir, await templateBlob(inject('pgliteTemplate')));
      await migrate(first);
      const scenario = await populate(first, smtp);
      await first.close(); // flushes every page to the files
      const bytes = await Promise.all((await filesUnder(dir)).map((file) => readFile(file)));
      return { scenario, bytes, db: await openPglite(dir) };
    },
    'a pg_dump': async () => {
      const url = await createPostgresDatabase();
      const db = await openPostgres(url, 4);
      await migrate(db);
      const scenario = await populate(db, smtp);
      const dump = await promisify(execFile)(
        path.join(inject('postgresBinDir'), 'pg_dump'),
        ['--no-owner', '--dbname', url],
        {
          encoding: 'buffer',
          maxBuffer: 1 << 30,
        },
      );
      return { scenario, bytes: [dump.stdout], db };
    },
  };

  describe.each(Object.keys(copies) as (keyof typeof copies)[])('in %s', (copy) => {
    let scenario: Scenario;
    let candidates: string[];
    let opened: Map<string, string[]>;
    let app: FastifyInstance;
    let db: Db;

    beforeAll(async () => {
      smtp.received.length = 0;
      const made = await copies[copy]();
      ({ scenario, db } = made);
      const windows = new Set<string>();
      const exact = new Set<string>();
      for (const bytes of made.bytes) tokenCandidates(bytes, windows, exact);
      candidates = await candidatesToTry(db, windows, exact);
      ({ app } = await identityApp(db, { clock, passwords: quickHasher }));
      opened = await tryAll(app, candidates);
    });
    afterAll(async () => {
      await app.close();
      await db.close();
    });

    it('finds the planted token, which opens its route (the scan and the tries are not blind)', () => {
      expect(candidates).toContain(scenario.control);
      expect(opened.get(scenario.control)).toEqual(['mot de passe 303']);
    });

    it('opens nothing with any other token-like string', () => {
      expect([...opened.keys()].filter((token) => token !== scenario.control)).toEqual([]);
    });

    it('while the links that left in messages still work', async () => {
      expect(scenario.links.verify).toHaveLength(2);
      expect(scenario.links.reset).toHaveLength(2);
      expect(scenario.links.invitation).toHaveLength(2);
      expect(await linksStillWork(app, scenario.links)).toEqual(OPENED_BY_LINKS);
    });
  });
});
