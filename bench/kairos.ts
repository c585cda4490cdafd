import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { searchPortfolio } from '../src/advising/advising.purposes.js';
import { loadConfig } from '../src/config/config.js';
import { systemRandom } from '../src/kernel/random.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { seedAccounts, seedPeople } from '../src/seed/seed.purposes.js';
import { traineePage } from '../src/training/trainees.js';
import type { Actor, NewAccount, Role } from '../src/vault/index.js';
import { person } from '../test/support/fixtures.js';
import type { PostgresServer } from '../test/support/postgres-server.js';
import { fmt } from './stats.js';

/*
 * (g) Kairos at scale, on PostgreSQL: 1,000,000 job seekers, 10,000 training organisations
 * (5 sessions each), 70 % of people referred, every person in an advisor's portfolio. Measured,
 * one call at a time: an OF user's trainee-list page (20 trainees of one of its sessions, the
 * use case `traineePage`: its SQL, then `vault.read` of training.follow_up, logged) and an
 * advisor's portfolio search (`vault.search` of advising.search, by France Travail identifier
 * and by nom + prénom, alternately).
 *
 * How 1,000,000 people are seeded fast: TEMPLATES people are written through the vault as the
 * seed does (real envelopes and blind indexes); the rest are copies of their rows made in
 * bulk SQL (`jsonb_populate_record` over the whole row, a new id), so no code outside the vault
 * names an encrypted column. A copy's envelopes are bound to its template's id and would not
 * decrypt, but no copy is ever read: the people the measured accounts reach are all templates.
 * Each template's blind indexes appear in ~200 rows, so each exact-match search meets about 200
 * candidates in the index before its scope: harder than real data, where a France Travail
 * identifier is unique.
 */

const TEMPLATES = 5_000;
const ACCOUNTS = 20;
const TRAINEES_PER_SESSION = 50;
const PORTFOLIO_TEMPLATES = 100;
const ADVISORS = 2_000;

interface KairosWorld {
  ofUsers: Actor[];
  sessions: string[];
  advisors: { actor: Actor; people: { franceTravailId: string; lastName: string; firstName: string }[] }[];
}

async function createDatabase(server: PostgresServer): Promise<string> {
  const name = `bench_kairos_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return server.url.replace(/\/postgres$/, `/${name}`);
}

function account(role: Role, organisationId: string): NewAccount {
  const id = systemRandom.uuid();
  return {
    id,
    role,
    organisationId,
    personId: null,
    email: `${role}.${id}@banc.rempart.test`,
    displayName: role,
    passwordHash: null,
    status: 'active',
    createdBy: null,
    approvedBy: null,
    approvedAt: null,
  };
}

const actorOf = (a: NewAccount): Actor => ({
  kind: 'account',
  accountId: a.id,
  role: a.role,
  organisationId: a.organisationId,
  personId: null,
  sessionId: null,
  clientAddr: '127.0.0.1',
});

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`    ${label} : ${fmt((performance.now() - started) / 1000, 1)} s`);
  return result;
}

/** Writes the templates through the vault, then copies, organisations, sessions, referrals, portfolios in bulk SQL. */
async function seed(platform: Platform, people: number, organisations: number): Promise<KairosWorld> {
  const { db, vault } = platform;
  const system = { kind: 'system', task: 'bench' } as const;
  const firstNames = ['Amélie', 'Karim', 'Sophie', 'Thomas', 'Inès', 'Lucas', 'Chloé', 'Mehdi', 'Léa', 'Hugo'];
  const templates = Array.from({ length: TEMPLATES }, (_, i) =>
    person({
      lastName: `Martin-${i}`,
      firstName: firstNames[i % firstNames.length]!,
      franceTravailId: `${String(i).padStart(7, '0')}K`,
    }),
  );
  await timed(`${TEMPLATES} modèles écrits par le coffre`, async () => {
    for (let i = 0; i < templates.length; i += 500) await vault.write(system, seedPeople, templates.slice(i, i + 500));
  });
  const copies = Math.max(0, people - TEMPLATES);
  await timed(`${copies} copies en SQL`, async () => {
    const perRound = TEMPLATES * 20;
    for (let done = 0; done < copies; done += perRound) {
      const rounds = Math.ceil(Math.min(perRound, copies - done) / TEMPLATES);
      await db.query(
        `INSERT INTO people SELECT (jsonb_populate_record(p, jsonb_build_object('id', gen_random_uuid()))).*
         FROM people p, generate_series(1, $2) g WHERE p.id = ANY($1::uuid[])`,
        [templates.map((t) => t.id), rounds],
      );
    }
  });
  const bench = systemRandom.uuid();
  const agency = systemRandom.uuid();
  await timed(`${organisations} organismes, ${organisations * 5} sessions`, async () => {
    await db.query(
      `INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF banc d’essai', '99999999999999'),
         ($2, 'agency', 'Agence banc d’essai', NULL)`,
      [bench, agency],
    );
    await db.query(
      `INSERT INTO organisations (id, kind, name, siret)
       SELECT gen_random_uuid(), 'training', 'Organisme ' || i, lpad(i::text, 14, '0') FROM generate_series(1, $1) i`,
      [organisations - 1],
    );
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on, capacity)
       SELECT gen_random_uuid(), o.id, 'Session ' || g, '31054', '69', 'Lyon', DATE '2026-09-01' + g * 7,
              DATE '2027-03-01' + g * 7, 20
       FROM organisations o, generate_series(1, 5) g WHERE o.kind = 'training' AND o.id <> $1`,
      [bench],
    );
  });
  // The bench OF: 20 sessions of 50 templates each; its 20 users.
  const sessions = Array.from({ length: ACCOUNTS }, () => systemRandom.uuid());
  await db.query(
    `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on, capacity)
     SELECT unnest($1::uuid[]), $2, 'Session du banc', '31054', '75', 'Paris', '2026-10-01', '2027-03-31', 60`,
    [sessions, bench],
  );
  const benchTrainees = templates.slice(0, ACCOUNTS * TRAINEES_PER_SESSION);
  await db.query(
    `INSERT INTO referrals (id, session_id, person_id, status)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + (n - 1) / $3], p, 'entered' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(p, n)`,
    [sessions, benchTrainees.map((t) => t.id), TRAINEES_PER_SESSION],
  );
  const benchIds = templates.map((t) => t.id);
  await timed('orientations (70 % des personnes)', () =>
    db.query(
      `WITH s AS (SELECT array_agg(id ORDER BY id) AS a, count(*)::int AS n FROM training_sessions WHERE organisation_id <> $1)
       INSERT INTO referrals (id, session_id, person_id, status)
       SELECT gen_random_uuid(), s.a[1 + abs(hashtext(p.id::text)) % s.n], p.id,
              (ARRAY['referred', 'accepted', 'entered', 'exited'])[1 + abs(hashtext(p.id::text || 's')) % 4]
       FROM people p, s WHERE abs(hashtext(p.id::text || 'r')) % 10 < 7 AND NOT (p.id = ANY($2::uuid[]))`,
      [bench, benchIds],
    ),
  );
  const ofAccounts = Array.from({ length: ACCOUNTS }, () => account('of_user', bench));
  const advisorAccounts = Array.from({ length: ADVISORS }, () => account('advisor', agency));
  await timed(`${ADVISORS} conseillers et leurs portefeuilles`, async () => {
    for (const batch of [ofAccounts, ...chunks(advisorAccounts, 500)]) await vault.write(system, seedAccounts, batch);
    const portfolioTemplates = templates.slice(
      benchTrainees.length,
      benchTrainees.length + ACCOUNTS * PORTFOLIO_TEMPLATES,
    );
    await db.query(
      `INSERT INTO portfolios (advisor_id, person_id)
       SELECT ($1::uuid[])[1 + (n - 1) / $3], p FROM unnest($2::uuid[]) WITH ORDINALITY AS t(p, n)`,
      [advisorAccounts.slice(0, ACCOUNTS).map((a) => a.id), portfolioTemplates.map((t) => t.id), PORTFOLIO_TEMPLATES],
    );
    await db.query(
      `INSERT INTO portfolios (advisor_id, person_id)
       SELECT ($1::uuid[])[1 + abs(hashtext(p.id::text || 'a')) % $3], p.id FROM people p
       WHERE NOT (p.id = ANY($2::uuid[]))`,
      // The others' advisors only: a copy in a measured advisor's portfolio would be searched and fail to decrypt.
      [advisorAccounts.slice(ACCOUNTS).map((a) => a.id), portfolioTemplates.map((t) => t.id), ADVISORS - ACCOUNTS],
    );
  });
  // Statistics for the planner: only the tables' owner may gather them.
  await timed('ANALYZE', async () => {
    const owner = await platform.openOwner();
    try {
      // Measured: the statement's cost with the guard's charge, not its refusals (budgets lifted).
      await owner.query(
        "UPDATE guard_budgets SET per_window = 1000000000, per_day = 1000000000, floor_day = 1000000000, per_second = NULL WHERE role IN ('of_user', 'advisor')",
      );
      await owner.exec('ANALYZE');
    } finally {
      await owner.close();
    }
  });
  return {
    ofUsers: ofAccounts.map(actorOf),
    sessions,
    advisors: advisorAccounts.slice(0, ACCOUNTS).map((a, i) => ({
      actor: actorOf(a),
      people: templates
        .slice(benchTrainees.length + i * PORTFOLIO_TEMPLATES, benchTrainees.length + (i + 1) * PORTFOLIO_TEMPLATES)
        .map((t) => ({ franceTravailId: t.franceTravailId!, lastName: t.lastName, firstName: t.firstName })),
    })),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Calls `task` `count` times one after the other (after a warm-up); the latencies in ms, sorted. */
async function latencies(count: number, task: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(200, count); i++) await task(i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await task(i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function benchKairos(server: PostgresServer): Promise<void> {
  const people = Number(process.env.BENCH_KAIROS_PEOPLE ?? 1_000_000);
  const organisations = Number(process.env.BENCH_KAIROS_OF ?? 10_000);
  const samples = Number(process.env.BENCH_KAIROS_SAMPLES ?? 2_000);
  console.log(`(g) Kairos — ${fmt(people)} demandeurs d’emploi, ${fmt(organisations)} organismes de formation`);
  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'rempart-bench-')),
    DATABASE_URL: await createDatabase(server),
    READ_CEILING_PER_DAY: '100000',
  });
  const platform = await openPlatform(config, { masterKey: systemRandom.bytes(32) });
  platform.sealer.start();
  try {
    const world = await seed(platform, people, organisations);
    const deps = { db: platform.db, vault: platform.vault, clock: platform.clock, random: systemRandom };
    const list = await latencies(samples, async (i) => {
      const { trainees } = await traineePage(deps, world.ofUsers[i % ACCOUNTS]!, {
        sessionId: world.sessions[(i * 7) % ACCOUNTS]!,
        page: 1 + (i % 3),
        size: 20,
      });
      if (trainees.rows.length === 0 || trainees.rows[0]!.lastName === '—') throw new Error('page vide');
    });
    const search = await latencies(samples, async (i) => {
      const advisor = world.advisors[i % ACCOUNTS]!;
      const target = advisor.people[(i * 13) % advisor.people.length]!;
      const criteria =
        i % 2 === 0
          ? { franceTravailId: target.franceTravailId }
          : { name: { lastName: target.lastName, firstName: target.firstName } };
      const found = await platform.vault.search(advisor.actor, searchPortfolio, criteria);
      if (found.records.length !== 1) throw new Error(`recherche : ${found.records.length} résultats`);
    });
    const line = (name: string, sorted: number[]) =>
      `${name} postgres: p50_ms=${percentile(sorted, 50).toFixed(1)} p99_ms=${percentile(sorted, 99).toFixed(1)}`;
    console.log(line('kairos-trainee-list', list));
    console.log(line('kairos-portfolio-search', search));
  } finally {
    await platform.close();
  }
}
