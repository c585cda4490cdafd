import { createWriteStream, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { appDepsOf } from '../src/app-deps.js';
import { addressTag } from '../src/crypto/address-tag.js';
import { loadConfig } from '../src/config/config.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/http/logger.js';
import { actorOf } from '../src/identity/access.js';
import { createDeviceClient, type DeviceClient } from '../src/identity/client/proof-client.js';
import { parseDeviceKey } from '../src/identity/sessions/device-proof.js';
import { createSession } from '../src/identity/sessions/session-store.js';
import { systemRandom } from '../src/kernel/random.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { seedAccounts, seedPeople } from '../src/seed/seed.purposes.js';
import { followTrainees } from '../src/training/training.purposes.js';
import type { Actor } from '../src/vault/index.js';
import { person } from '../test/support/fixtures.js';
import type { PostgresServer } from '../test/support/postgres-server.js';
import { benchFixedCost, printFixedCost } from './http-cost.js';
import { median, throughput } from './stats.js';

/**
 * (b) The cost of the one door, on a durable PostgreSQL (fsync and synchronous_commit on): a
 * read of one person through the vault (scope, guard, access-log entry committed, then
 * decryption) against a plain SELECT of the same columns from a plaintext copy, on the same
 * pool, at concurrency 1, 8 and 32, rounds interleaved. Then the same over HTTP: one /api/v1
 * endpoint reading through the door against the same endpoint reading the copy, in the same
 * server and run, with device proofs on both. Each concurrent worker is another account, as
 * real concurrency is (one account's reads queue on its own budget row, by design). Lock waits
 * are counted in rounds of door reads of their own, after the measured ones (`sampled`).
 */
const PEOPLE = 2000;
const ACCOUNTS = 32;
const CONCURRENCIES = [1, 8, 32] as const;

export interface DoorBenchResult {
  db: { concurrency: number; plain: number; door: number }[];
  http: { plain: number; door: number };
  lockWaits: number;
  lockKinds: [string, number][];
  lockSamples: number;
  /** Diagnostic: the door at c=8, durable against a pool whose commits do not wait for the disk, rounds alternated. */
  asyncCommit: { durable: number; fast: number };
  /** Diagnostic: the door at c=32 with its guard, and with stand-ins that look nothing up and answer 'allow'. */
  guardShare: { guarded: number; unguarded: number };
  fixedCost: Awaited<ReturnType<typeof benchFixedCost>>;
}

export async function benchOneDoor(server: PostgresServer, options: { reads?: number; rounds?: number } = {}) {
  const reads = options.reads ?? 3000;
  const rounds = options.rounds ?? 3;
  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'rempart-bench-')),
    DATABASE_URL: server.url,
    READ_CEILING_PER_DAY: '100000',
  });
  const masterKey = systemRandom.bytes(32);
  const platform = await openPlatform(config, { masterKey });
  platform.sealer.start();
  try {
    const world = await prepare(platform);
    const sampler = await lockSampler(server.url);
    const db: DoorBenchResult['db'] = [];
    for (const concurrency of CONCURRENCIES) {
      db.push({ concurrency, ...(await interleaved(platform, world, reads, rounds, concurrency, sampler)) });
    }
    const http = await benchHttp(platform, world, reads, rounds, sampler);
    await sampler.close();
    const guardShare = await withoutGuard(platform, world, reads, rounds);
    const asyncCommit = await withoutDurableCommit(platform, masterKey, world, reads, rounds);
    const fixedCost = await benchFixedCost(platform);
    return {
      db,
      http,
      lockWaits: sampler.waits(),
      lockKinds: [...sampler.kinds()],
      lockSamples: sampler.samples(),
      asyncCommit,
      guardShare,
      fixedCost,
    } satisfies DoorBenchResult;
  } finally {
    await platform.close();
  }
}

/** Plain SELECTs and door reads in alternating rounds; medians of reads per second. */
async function interleaved(
  platform: Platform,
  world: World,
  reads: number,
  rounds: number,
  concurrency: number,
  sampler?: Sampler,
): Promise<{ plain: number; door: number }> {
  const plain = (i: number) =>
    platform.db.query(
      'SELECT id, last_name, first_name, ft_id FROM bench_plain_people WHERE id = $1',
      [world.pick(i)],
      {
        prepare: true,
      },
    );
  const door = doorRead(platform, world);
  await throughput(300, concurrency, plain);
  await throughput(300, concurrency, door);
  const [plainRate, doorRate] = await alternated(
    rounds,
    () => throughput(reads, concurrency, plain),
    () => throughput(reads, concurrency, door),
  );
  if (sampler) await sampled(sampler, rounds, () => throughput(reads, concurrency, door));
  return { plain: plainRate, door: doorRate };
}

/** `rounds` rounds of `first` then `second`, alternated; the median of each one's rates. */
async function alternated(
  rounds: number,
  first: () => Promise<number>,
  second: () => Promise<number>,
): Promise<[number, number]> {
  const firsts: number[] = [];
  const seconds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    firsts.push(await first());
    seconds.push(await second());
  }
  return [median(firsts), median(seconds)];
}

/** The i-th read through the door, by the worker's own account. */
function doorRead(platform: Platform, world: World) {
  return async (i: number, worker: number) => {
    const rows = await platform.vault.read(world.actors[worker % ACCOUNTS]!, followTrainees, [world.pick(i)]);
    if (rows.length !== 1) throw new Error('lecture attendue');
  };
}

/** The guard's two functions (migration 0022), with their arguments' types, and stand-ins for them. */
const GUARD_FUNCTIONS = [
  {
    name: 'guard_contexts',
    types: 'uuid[], text, timestamptz',
    // No context for anyone: a decision handed none would look its own up, but the stand-in
    // decision below looks nothing up.
    standIn: `(actors uuid[], purpose text, now_at timestamptz) RETURNS SETOF guard_context
      LANGUAGE sql STABLE AS $$ SELECT (NULL::guard_context).* WHERE false $$`,
  },
  {
    name: 'guard_decide',
    types: 'guard_context, uuid, text, uuid[], uuid[], integer, integer, timestamptz',
    standIn: `(ctx guard_context, actor uuid, purpose text, asked uuid[], allowed uuid[], breadth integer,
      extent integer, now_at timestamptz) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'allow'; END $$`,
  },
] as const;

/**
 * A diagnostic, not the product: how much of a door read at c=32 the guard takes. Rounds of door
 * reads alternate between the guard and no guard: its two functions (the statement's contexts
 * and the decision) swapped for stand-ins that look nothing up and answer 'allow', by the
 * schema's owner, renaming all four in one transaction each way (the prepared statement is
 * planned again on each swap). The guard is put back before anything else runs, whatever
 * failed: the `finally` looks at which functions exist, not at what it meant to do.
 */
async function withoutGuard(
  platform: Platform,
  world: World,
  reads: number,
  rounds: number,
): Promise<DoorBenchResult['guardShare']> {
  const owner = await platform.openOwner();
  const renames = (pairs: [string, string][]) =>
    owner.exec(`BEGIN; ${pairs.map(([from, to]) => `ALTER FUNCTION ${from} RENAME TO ${to};`).join(' ')} COMMIT;`);
  /** Puts the functions named with `suffix` in place, and those in place aside under `aside`. */
  const putInPlace = (suffix: string, aside: string) =>
    renames(
      GUARD_FUNCTIONS.flatMap(({ name, types }): [string, string][] => [
        [`${name}(${types})`, `${name}${aside}`],
        [`${name}${suffix}(${types})`, name],
      ]),
    );
  const off = () => putInPlace('_stand_in', '_real');
  const on = () => putInPlace('_real', '_stand_in');
  try {
    for (const { name, standIn } of GUARD_FUNCTIONS) await owner.exec(`CREATE FUNCTION ${name}_stand_in${standIn}`);
    const door = doorRead(platform, world);
    const [guarded, unguarded] = await alternated(
      rounds,
      () => throughput(reads, 32, door),
      async () => {
        await off();
        const rate = await throughput(reads, 32, door);
        await on();
        return rate;
      },
    );
    return { guarded, unguarded };
  } finally {
    try {
      const decide = GUARD_FUNCTIONS[1];
      const { rows } = await owner.query<{ off: boolean }>('SELECT to_regprocedure($1) IS NOT NULL AS off', [
        `${decide.name}_real(${decide.types})`,
      ]);
      if (rows[0]!.off) await on();
      for (const { name, types } of GUARD_FUNCTIONS)
        await owner.exec(`DROP FUNCTION IF EXISTS ${name}_stand_in(${types})`);
    } finally {
      await owner.close();
    }
  }
}

/**
 * A diagnostic, not the product: door reads at c=8 through the platform, alternated with the
 * same reads through a second platform on the same database whose sessions do not wait for the
 * write-ahead log to reach the disk at commit (synchronous_commit off, set for its connections
 * alone). The gap between the two is the disk wait's share of a door read.
 */
async function withoutDurableCommit(
  platform: Platform,
  masterKey: Buffer,
  world: World,
  reads: number,
  rounds: number,
): Promise<DoorBenchResult['asyncCommit']> {
  const url = new URL(platform.config.databaseUrl!);
  url.searchParams.set('options', '-c synchronous_commit=off');
  const other = await openPlatform({ ...platform.config, databaseUrl: url.toString() }, { masterKey });
  // Its reads nudge its own sealer, as the durable rounds nudge theirs (one seals at a time).
  other.sealer.start();
  try {
    for (const [which, expected] of [
      [platform, 'on'],
      [other, 'off'],
    ] as const) {
      const { rows } = await which.db.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
      if (rows[0]?.synchronous_commit !== expected) throw new Error(`synchronous_commit ${expected} attendu`);
    }
    const durableDoor = doorRead(platform, world);
    const fastDoor = doorRead(other, world);
    await throughput(300, 8, fastDoor);
    const [durable, fast] = await alternated(
      rounds,
      () => throughput(reads, 8, durableDoor),
      () => throughput(reads, 8, fastDoor),
    );
    return { durable, fast };
  } finally {
    await other.close();
  }
}

interface World {
  pick(i: number): string;
  actors: Actor[];
  organisation: string;
}

export async function prepare(platform: Platform): Promise<World> {
  const { db, vault } = platform;
  const system = { kind: 'system', task: 'bench' } as const;
  const people = Array.from({ length: PEOPLE }, (_, i) => person({ lastName: `Durand-${i}`, firstName: 'Amélie' }));
  for (let i = 0; i < people.length; i += 500) await vault.write(system, seedPeople, people.slice(i, i + 500));
  // The plaintext copy is what a platform without the door would read: same rows, same index.
  // The schema's owner makes it; the application's role may only read it.
  const owner = await platform.openOwner();
  try {
    await owner.exec(`CREATE TABLE bench_plain_people (id uuid PRIMARY KEY, last_name text, first_name text, ft_id text);
      GRANT SELECT ON bench_plain_people TO rempart_app`);
    await owner.query(
      'INSERT INTO bench_plain_people SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])',
      [
        people.map((p) => p.id),
        people.map((p) => p.lastName),
        people.map((p) => p.firstName),
        people.map((p) => p.franceTravailId),
      ],
    );
  } finally {
    await owner.close();
  }
  const organisation = systemRandom.uuid();
  const session = systemRandom.uuid();
  await db.query(
    "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF banc d’essai', '12345678901234')",
    [organisation],
  );
  await db.query(
    `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
     VALUES ($1, $2, 'Session', '75', 'Paris', '2026-01-05', '2026-06-30', 5000)`,
    [session, organisation],
  );
  await db.query('INSERT INTO referrals (id, session_id, person_id) SELECT gen_random_uuid(), $1, unnest($2::uuid[])', [
    session,
    people.map((p) => p.id),
  ]);
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    id: systemRandom.uuid(),
    role: 'of_user' as const,
    organisationId: organisation,
    personId: null,
    email: `banc-${i}@demo.rempart.test`,
    displayName: `Banc ${i}`,
    passwordHash: null,
    status: 'active' as const,
    createdBy: null,
    approvedBy: null,
    approvedAt: null,
  }));
  await vault.write(system, seedAccounts, accounts);
  const actors: Actor[] = accounts.map((account) => ({
    kind: 'account',
    accountId: account.id,
    role: 'of_user',
    organisationId: organisation,
    personId: null,
    sessionId: 'banc',
    clientAddr: '127.0.0.1',
  }));
  // Statistics, as autovacuum would have gathered them on a live platform (only the owner may).
  const analyst = await platform.openOwner();
  // The bench measures what the guard's charge costs on every read, not its refusals: its
  // accounts read thousands of people, so their budgets are lifted out of the way.
  await analyst.query(
    "UPDATE guard_budgets SET per_window = 1000000000, per_day = 1000000000, floor_day = 1000000000, per_second = NULL WHERE role = 'of_user'",
  );
  await analyst.exec('ANALYZE');
  await analyst.close();
  return { pick: (i) => people[(i * 7919) % people.length]!.id, actors, organisation };
}

/**
 * The same endpoint twice over HTTP, through the door and from the plaintext copy, each request
 * with a device proof signed by the worker's own key and session.
 */
async function benchHttp(
  platform: Platform,
  world: World,
  reads: number,
  rounds: number,
  sampler: Sampler,
): Promise<DoorBenchResult['http']> {
  // Each request is logged as in production, to /dev/null as in the fixed-cost bench: the
  // bench's output keeps only its figures.
  const logger = createLogger({ level: platform.config.logLevel, destination: createWriteStream('/dev/null') });
  const app = await buildApp(appDepsOf(platform, { logger }));
  const access = { config: { access: { level: 'api' as const, roles: ['of_user' as const] } } };
  app.get<{ Params: { id: string } }>('/api/v1/banc/porte/:id', access, async (request) => {
    const [trainee] = await platform.vault.read(actorOf(request), followTrainees, [request.params.id]);
    return { id: trainee!.id, lastName: trainee!.lastName, firstName: trainee!.firstName };
  });
  app.get<{ Params: { id: string } }>('/api/v1/banc/clair/:id', access, async (request) => {
    const { rows } = await platform.db.query<{ id: string; last_name: string; first_name: string }>(
      'SELECT id, last_name, first_name, ft_id FROM bench_plain_people WHERE id = $1',
      [request.params.id],
      { prepare: true },
    );
    return { id: rows[0]!.id, lastName: rows[0]!.last_name, firstName: rows[0]!.first_name };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const concurrency = 8;
    const clients = await Promise.all(
      world.actors.slice(0, concurrency).map((actor) => apiClient(platform, base, actor)),
    );
    const call = (kind: 'porte' | 'clair') => (i: number, worker: number) =>
      clients[worker]!.get(`/api/v1/banc/${kind}/${world.pick(i)}`);
    await throughput(300, concurrency, call('clair'));
    await throughput(300, concurrency, call('porte'));
    const [plain, door] = await alternated(
      rounds,
      () => throughput(reads, concurrency, call('clair')),
      () => throughput(reads, concurrency, call('porte')),
    );
    await sampled(sampler, rounds, () => throughput(reads, concurrency, call('porte')));
    return { plain, door };
  } finally {
    await app.close();
  }
}

/** A client with its own device key and session, that proves every request with the last nonce it was given. */
async function apiClient(platform: Platform, base: string, actor: Actor) {
  if (actor.kind !== 'account') throw new Error('compte attendu');
  const device: DeviceClient = await createDeviceClient();
  const session = await createSession(platform.db, {
    accountId: actor.accountId,
    role: actor.role,
    deviceKey: parseDeviceKey(device.publicJwk)!,
    addrTag: addressTag(platform.keys.addressKey, '127.0.0.1'),
    userAgent: 'banc',
    mfaAt: null,
    now: new Date(),
    random: systemRandom,
  });
  const headers = { cookie: `__Host-rempart=${session.cookie}`, 'user-agent': 'banc' };
  const first = await fetch(`${base}/session/nonce`, { headers });
  let nonce = ((await first.json()) as { nonce: string }).nonce;
  return {
    async get(pathname: string) {
      const proof = await device.proof({ method: 'GET', path: pathname, nonce });
      const response = await fetch(`${base}${pathname}`, { headers: { ...headers, 'rempart-proof': proof } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${response.status} ${body}`);
      nonce = response.headers.get('rempart-nonce') ?? nonce;
    },
  };
}

interface Sampler {
  /** Samples until `stop`. */
  start(): void;
  stop(): Promise<void>;
  waits(): number;
  /** Each kind of wait seen (lock type, mode, relation or transaction), with its count. */
  kinds(): Map<string, number>;
  samples(): number;
  close(): Promise<void>;
}

/**
 * As many more rounds of door reads as were measured, the same reads, with the lock sampler
 * running. Rounds of their own: querying `pg_locks` every 2 ms costs the server CPU and takes
 * the lock manager's locks, and would slow whichever rounds it watched.
 */
async function sampled(sampler: Sampler, rounds: number, round: () => Promise<unknown>): Promise<void> {
  sampler.start();
  try {
    for (let n = 0; n < rounds; n++) await round();
  } finally {
    await sampler.stop();
  }
}

/** Counts lock requests not granted, sampled every 2 ms on the server while the door runs. */
async function lockSampler(url: string): Promise<Sampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let waits = 0;
  let samples = 0;
  const kinds = new Map<string, number>();
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  const run = async () => {
    while (running) {
      const { rows } = await client.query<{ kind: string }>(
        `SELECT concat_ws(' ', locktype, mode, relation::regclass::text) AS kind FROM pg_locks WHERE NOT granted`,
      );
      waits += rows.length;
      for (const row of rows) kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + 1);
      samples++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const stop = async () => {
    running = false;
    await loop;
  };
  return {
    start: () => {
      running = true;
      loop = run();
    },
    stop,
    waits: () => waits,
    kinds: () => kinds,
    samples: () => samples,
    close: async () => {
      await stop();
      await client.end();
    },
  };
}

/** The share of a rate that a cost takes, in percent: the rate with it against the rate without. */
function shareOf(withIt: number, without: number): string {
  return ((1 - withIt / without) * 100).toFixed(0);
}

/** Prints the figures, the four checked lines in exactly their form first. */
export function printOneDoor(result: DoorBenchResult): void {
  const at = (c: number) => result.db.find((row) => row.concurrency === c)!;
  const ratio = (row: { plain: number; door: number }) => row.door / row.plain;
  console.log(`door-ratio db c=8: ${ratio(at(8)).toFixed(3)}`);
  console.log(`door-ratio http c=8: ${ratio(result.http).toFixed(3)}`);
  console.log(`door-reads-per-second db c=32: ${at(32).door.toFixed(1)}`);
  console.log(`door-lock-waits: ${result.lockWaits}`);
  console.log('(b) la porte unique — PostgreSQL durable (fsync, synchronous_commit), médianes de 3 tours alternés');
  for (const row of result.db) {
    console.log(
      `    c=${row.concurrency} : SELECT en clair ${row.plain.toFixed(0)} lectures/s, porte ${row.door.toFixed(0)} lectures/s, ratio ${ratio(row).toFixed(3)}`,
    );
  }
  console.log(
    `    HTTP c=8 : en clair ${result.http.plain.toFixed(0)} requêtes/s, porte ${result.http.door.toFixed(0)} requêtes/s`,
  );
  console.log(
    `    attentes de verrou observées : ${result.lockWaits} sur ${result.lockSamples} échantillons de pg_locks`,
  );
  for (const [kind, count] of result.lockKinds) console.log(`      ${count} × ${kind}`);
  const { durable, fast } = result.asyncCommit;
  console.log(
    `    diagnostic c=8, porte sans attente du disque au commit : ${fast.toFixed(0)} lectures/s, contre ${durable.toFixed(0)} avec (tours alternés)`,
  );
  console.log(
    `    part de l’attente du disque au commit dans une lecture par la porte (c=8) : ${shareOf(durable, fast)} %`,
  );
  const share = result.guardShare;
  console.log(
    `    diagnostic c=32, le garde remplacé par des fonctions qui ne consultent rien et laissent tout passer : porte ${share.unguarded.toFixed(0)} lectures/s, contre ${share.guarded.toFixed(0)} avec le garde (tours alternés)`,
  );
  console.log(`    part du garde dans une lecture par la porte (c=32) : ${shareOf(share.guarded, share.unguarded)} %`);
  printFixedCost(result.fixedCost);
}
