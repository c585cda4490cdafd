import { seedPeople } from '../src/seed/seed.purposes.js';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { normalisePhone } from '../src/crypto/normalise.js';
import type { Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { departements } from '../src/seed/geography.js';
import { peopleGenerator, seedDatabase, type SeedPlan } from '../src/seed/index.js';
import { phonePresentations } from '../src/seed/phones.js';
import { createPostgresDatabase } from './support/databases.js';
import { makeVault, person, system } from './support/fixtures.js';
import { addAccount, identityApp, submitForm } from './support/identity.js';
import { LeakScanner } from './support/leak-scanner.js';
import { templateBlob } from './support/pglite-template.js';

/**
 * DESIGN.md promise 4: a copy of the database files or a pg_dump shows no plaintext name,
 * e-mail, phone or identifier. We seed through the vault, then look for every seeded value,
 * in every form it could take, in the raw bytes. A control row written in plaintext on
 * purpose proves that the same scan finds what is there.
 */

const PEOPLE = 300;
const SEED = 4242;
const today = '2026-11-20';

/** Plaintext on purpose, in a scratch table: the scan must find each of these. */
const controls = [
  { value: 'Quintal-Zébulonnière', label: 'contrôle:nom' },
  { value: 'controle.temoin@exemple.test', label: 'contrôle:e-mail' },
  { value: '06 98 76 54 31', label: 'contrôle:téléphone' },
  { value: '7654321Q', label: 'contrôle:identifiant' },
];

interface Needle {
  value: string;
  label: string;
}

/** Every personal value the seed wrote, in every presentation it may have used. */
function seededNeedles(plan: SeedPlan): Needle[] {
  const generate = peopleGenerator(plan.context);
  const needles: Needle[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const { person } = generate(i);
    // Names of five letters or more: ciphertext is random bytes, and tens of megabytes of it hold
    // a given four-letter string by chance about once in a hundred runs per name (2^-32 per
    // offset), which made the test flaky; at five letters, 256 times less often.
    if (person.lastName.normalize('NFC').length >= 5)
      needles.push({ value: person.lastName, label: `nom:${person.lastName}` });
    if (person.email) needles.push({ value: person.email, label: `e-mail:${person.email}` });
    if (person.phone) {
      for (const form of phonePresentations(normalisePhone(person.phone)))
        needles.push({ value: form, label: `téléphone:${person.phone}` });
    }
    if (person.franceTravailId)
      needles.push({ value: person.franceTravailId, label: `identifiant:${person.franceTravailId}` });
  }
  for (const staff of plan.staff.all) {
    needles.push({ value: staff.email, label: `e-mail agent:${staff.email}` });
    const last = staff.displayName.split(' ').slice(1).join(' ');
    if (last.length >= 5) needles.push({ value: last, label: `nom agent:${last}` });
  }
  return needles;
}

/** The plaintext the seed writes on purpose: place names, organisations, offers, sessions. */
function publicText(plan: SeedPlan): string {
  const { employers, trainingOrganisations, agencies, platform } = plan.organisations;
  return [
    ...departements.flatMap((d) => [d.name, d.region, ...d.communes.map((c) => c.name)]),
    ...[...employers, ...trainingOrganisations, ...agencies, platform].map((o) => o.name),
    ...plan.offers.flatMap((o) => [o.title, o.metier, o.domaine, o.place, o.description, o.nature, o.studyLevel]),
    ...plan.sessions.flatMap((s) => [s.title, s.place]),
  ]
    .join('\n')
    .toLowerCase();
}

async function seed(db: Db) {
  await migrate(db);
  const { vault } = await makeVault(db);
  const { plan } = await seedDatabase({ db, vault, people: PEOPLE, seed: SEED, today });
  await db.exec('CREATE TABLE plaintext_control (value text NOT NULL)');
  for (const control of controls) await db.query('INSERT INTO plaintext_control (value) VALUES ($1)', [control.value]);
  return plan;
}

/**
 * Splits needles into those we can check and those we cannot: a value that occurs in the
 * public plaintext (a surname that is also a commune, "Denis" in "Saint-Denis") or in the
 * bytes of an empty database (catalogue text) would be found whatever the vault does.
 */
function checkable(needles: Needle[], plan: SeedPlan, noise: Set<string>) {
  const visible = publicText(plan);
  const skipped = new Set(
    needles.filter((n) => noise.has(n.label) || visible.includes(n.value.toLowerCase())).map((n) => n.label),
  );
  return { checked: needles.filter((n) => !skipped.has(n.label)), skipped };
}

function report(needles: Needle[], plan: SeedPlan, noise: Set<string>, found: Set<string>) {
  const { checked, skipped } = checkable(needles, plan, noise);
  const labels = new Set(needles.map((n) => n.label));
  return {
    leaks: [...new Set(checked.map((n) => n.label))].filter((label) => found.has(label)),
    checkedShare: (labels.size - skipped.size) / labels.size,
    controlsFound: controls.map((c) => c.label).filter((label) => found.has(label)),
  };
}

describe('no plaintext at rest', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  describe('in the raw PGlite files of DATA_DIR', () => {
    let result: ReturnType<typeof report>;

    beforeAll(async () => {
      const dataDir = await tempDir('rempart-at-rest-');
      const files = path.join(dataDir, 'pglite');
      // The migrated but empty database first (the run's migrated cluster, rather than an initdb
      // of its own): its bytes are the baseline (catalogue text).
      const empty = await openPglite(files, await templateBlob(inject('pgliteTemplate')));
      await migrate(empty);
      await empty.close();
      const baseline = await tempDir('rempart-baseline-');
      await cp(files, baseline, { recursive: true });
      const db = await openPglite(files);
      const plan = await seed(db);
      await db.close(); // flushes every page to the files
      const needles = seededNeedles(plan);
      const scanner = new LeakScanner([...needles, ...controls]);
      const noise = await scanner.scanDirectory(baseline);
      result = report(needles, plan, noise, await scanner.scanDirectory(dataDir));
    });

    it('finds the plaintext control rows (the scan is not blind)', () => {
      expect(result.controlsFound).toEqual(controls.map((c) => c.label));
    });

    it('finds no seeded name, e-mail, phone or identifier', () => {
      expect(result.checkedShare).toBeGreaterThan(0.9);
      expect(result.leaks).toEqual([]);
    });
  });

  describe('in a pg_dump of the PostgreSQL database', () => {
    let result: ReturnType<typeof report>;
    const pgDump = async (url: string) => {
      const run = promisify(execFile);
      const { stdout } = await run(path.join(inject('postgresBinDir'), 'pg_dump'), ['--no-owner', '--dbname', url], {
        encoding: 'buffer',
        maxBuffer: 1 << 30,
      });
      return stdout;
    };

    beforeAll(async () => {
      const emptyUrl = await createPostgresDatabase();
      const empty = await openPostgres(emptyUrl, 2);
      await migrate(empty);
      await empty.close();
      const url = await createPostgresDatabase();
      const db = await openPostgres(url, 4);
      const plan = await seed(db);
      await db.close();
      const needles = seededNeedles(plan);
      const scanner = new LeakScanner([...needles, ...controls]);
      const noise = scanner.scan(await pgDump(emptyUrl));
      result = report(needles, plan, noise, scanner.scan(await pgDump(url)));
    });

    it('finds the plaintext control rows (the scan is not blind)', () => {
      expect(result.controlsFound).toEqual(controls.map((c) => c.label));
    });

    it('finds no seeded name, e-mail, phone or identifier', () => {
      expect(result.checkedShare).toBeGreaterThan(0.9);
      expect(result.leaks).toEqual([]);
    });
  });
});

/**
 * Issue 8 item 7: citizens' client addresses were stored in clear in `sessions`,
 * `login_failures` and the access log (failed logins, new sessions). A citizen logs in from one
 * address, a guesser fails from others (IPv4 and IPv6); the files and a pg_dump of those tables
 * must hold none of them, in any written form. A control address written in clear in a session
 * row shows the scan reads those tables.
 */
describe('no citizen address at rest in sessions, login_failures and the access log', () => {
  const password = 'Une phrase de passe très longue 2026 !';
  const citizen = '198.51.100.173';
  const guessers = ['203.0.113.219', '2001:db8:5:6:1:2:3:4'];
  const control = { value: '192.0.2.177', label: 'contrôle:adresse' };
  const needles = [
    { value: citizen, label: `adresse:${citizen}` },
    { value: guessers[0]!, label: `adresse:${guessers[0]}` },
    // An IPv6 address as typed, and as the /64 the throttle counts it under.
    { value: guessers[1]!, label: `adresse:${guessers[1]}` },
    { value: '2001:db8:5:6::/64', label: 'adresse:2001:db8:5:6::/64' },
  ];
  const scanner = new LeakScanner([...needles, control]);
  const tables = ['sessions', 'login_failures', 'access_log'];

  /** A login, failed logins, and the control row; through the HTTP routes, as in production. */
  async function exercise(db: Db): Promise<void> {
    await migrate(db);
    const { app, vault } = await identityApp(db);
    const candidate = person({ kind: 'candidate' });
    await vault.write(system, seedPeople, [candidate]);
    const { email } = await addAccount(vault, { role: 'candidate', personId: candidate.id, password });
    const login = (addr: string, secret: string) =>
      submitForm(app, {
        page: '/connexion',
        url: '/connexion',
        fields: {
          email,
          password: secret,
          device_key: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) }),
        },
        remoteAddress: addr,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
      });
    expect((await login(citizen, password)).response.statusCode).toBe(303);
    for (const addr of guessers) expect((await login(addr, 'pas le bon mot de passe')).response.statusCode).toBe(401);
    await app.close();
    const { rows } = await db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM sessions)::int + (SELECT count(*) FROM login_failures)::int AS n',
    );
    expect(rows[0]!.n).toBe(3);
    // The journal has the login and the failures, each with its (pseudonymised) address.
    const journal = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM access_log WHERE action LIKE 'auth.login.%' AND client_addr IS NOT NULL",
    );
    expect(journal.rows[0]!.n).toBeGreaterThanOrEqual(3);
    await db.query('UPDATE sessions SET user_agent_label = $1 WHERE id = (SELECT min(id) FROM sessions)', [
      `Contrôle ${control.value}`,
    ]);
  }

  it('finds none in the PGlite files of those tables, and the control', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rempart-addresses-'));
    try {
      const db = await openPglite(dir, await templateBlob(inject('pgliteTemplate')));
      await exercise(db);
      // Each table's files, its indexes' and its TOAST table's (every fork and segment).
      const { rows } = await db.query<{ file: string }>(
        `SELECT pg_relation_filepath(c.oid) AS file FROM pg_class c
         WHERE c.oid IN (SELECT t.oid FROM pg_class t WHERE t.relname = ANY($1)
           UNION SELECT i.indexrelid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname = ANY($1)
           UNION SELECT t.reltoastrelid FROM pg_class t WHERE t.relname = ANY($1))`,
        [tables],
      );
      await db.close(); // writes every page to the files
      const found = new Set<string>();
      let scanned = 0;
      for (const { file } of rows.filter((row) => row.file)) {
        const folder = path.join(dir, path.dirname(file));
        for (const name of await readdir(folder)) {
          if (
            name !== path.basename(file) &&
            !name.startsWith(`${path.basename(file)}_`) &&
            !name.startsWith(`${path.basename(file)}.`)
          )
            continue;
          scanner.scan(await readFile(path.join(folder, name)), found);
          scanned++;
        }
      }
      expect(scanned).toBeGreaterThanOrEqual(4);
      expect([...found]).toEqual([control.label]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('finds none in a pg_dump of those tables, and the control', async () => {
    const url = await createPostgresDatabase();
    const db = await openPostgres(url, 2);
    await exercise(db);
    await db.close();
    const run = promisify(execFile);
    const { stdout } = await run(
      path.join(inject('postgresBinDir'), 'pg_dump'),
      ['--no-owner', '--dbname', url, ...tables.flatMap((table) => ['--table', table])],
      { encoding: 'buffer', maxBuffer: 1 << 26 },
    );
    expect([...scanner.scan(stdout)]).toEqual([control.label]);
  });
});
