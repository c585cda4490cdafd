import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { createVault } from '../src/vault/index.js';
import { makeVault } from '../test/support/fixtures.js';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { benchAuditVerify } from './audit-verify.js';
import { benchPasswordLogins, benchProofCost } from './identity.js';
import { benchOneDoor, printOneDoor } from './one-door.js';
import { benchSeed } from './seed.js';
import { fmt } from './stats.js';

let databases = 0;

async function freshPostgres(server: PostgresServer, poolSize = 10): Promise<Db> {
  const name = `bench_${process.pid}_${databases++}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await openPostgres(server.url.replace(/\/postgres$/, `/${name}`), poolSize);
  await migrate(db);
  return db;
}

async function freshPglite(): Promise<Db> {
  const db = await openPglite();
  await migrate(db);
  return db;
}

const benches = {
  /** (a) seeding throughput, people/s, on PGlite and on PostgreSQL. */
  a: async (server: PostgresServer) => {
    const people = Number(process.env.BENCH_SEED_PEOPLE ?? 5000);
    console.log(`(a) débit du peuplement — ${people} personnes`);
    for (const [engine, open] of [
      ['PGlite', freshPglite],
      ['PostgreSQL', () => freshPostgres(server)],
    ] as const) {
      const db = await open();
      const { vault } = await makeVault(db);
      const result = await benchSeed({ db, vault, people });
      console.log(`    ${engine.padEnd(10)} : ${fmt(result.peoplePerSecond)} personnes/s`);
      await db.close();
    }
  },
  /** (b) the cost of the one door, on PostgreSQL. */
  b: async (server: PostgresServer) => {
    const db = await freshPostgres(server, 10);
    const { vault, keyring, clock, accessLog, guard } = await makeVault(db);
    const allow = { check: async () => ({ verdict: 'allow' as const }) };
    const noLog = { append: async () => ({ seq: 0 }) };
    const variants = [
      {
        label: 'portée + déchiffrement (sans garde ni journal)',
        vault: createVault({ db, keyring, clock, guard: allow, accessLog: noLog }),
      },
      {
        label: 'portée + garde + déchiffrement (sans journal)',
        vault: createVault({ db, keyring, clock, guard, accessLog: noLog }),
      },
      {
        label: 'portée + journal + déchiffrement (sans garde)',
        vault: createVault({ db, keyring, clock, guard: allow, accessLog }),
      },
    ];
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
    printOneDoor(await benchOneDoor({ db, vault, variants, concurrency }));
    await db.close();
  },
  /** (c) audit verify throughput, entries/s. */
  c: async (server: PostgresServer) => {
    const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
    console.log(`(c) vérification du journal — ${entries} entrées`);
    for (const [engine, open] of [
      ['PGlite', freshPglite],
      ['PostgreSQL', () => freshPostgres(server)],
    ] as const) {
      const db = await open();
      const result = await benchAuditVerify({ db, entries });
      console.log(`    ${engine.padEnd(10)} : ${fmt(result.entriesPerSecond)} entrées/s (médiane)`);
      await db.close();
    }
  },
};

const identityBenches = {
  /** (d) password logins per second per core. */
  d: async () => benchPasswordLogins(),
  /** (e) the cost of the per-request device proof. */
  e: async () => {
    const db = await freshPglite();
    await benchProofCost(db);
    await db.close();
  },
};

/** `npm run bench [-- --only a,b,c,d,e]`: prints each figure and its ratio; asserts nothing. */
export async function runBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string', default: 'a,b,c,d,e' } } });
  const chosen = values.only.split(',').map((name) => name.trim());
  console.log(
    `rempart bench — ${new Date().toISOString()} — ${os.cpus().length} cœurs, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
  );
  const server = await startPostgres();
  try {
    for (const name of chosen) {
      if (name in identityBenches) await identityBenches[name as keyof typeof identityBenches]();
      else if (name in benches) await benches[name as keyof typeof benches](server);
      else throw new Error(`banc inconnu : ${name}`);
    }
  } finally {
    server.stop();
  }
  return 0;
}
