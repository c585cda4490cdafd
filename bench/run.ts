import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Db } from '../src/db/client.js';
import { openDatabase } from '../src/db/open.js';
import { makeVault } from '../test/support/fixtures.js';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { benchAuditVerify } from './audit-verify.js';
import { benchPasswordLogins, benchProofCost } from './identity.js';
import { benchOfferSearch } from './offer-search.js';
import { benchOneDoor, printOneDoor } from './one-door.js';
import { benchKairos } from './kairos.js';
import { benchSeed } from './seed.js';
import { fmt } from './stats.js';

let databases = 0;

async function freshPostgresOpened(server: PostgresServer, poolSize = 10) {
  const name = `bench_${process.pid}_${databases++}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return openDatabase({ databaseUrl: server.url.replace(/\/postgres$/, `/${name}`), poolSize });
}

async function freshPostgres(server: PostgresServer, poolSize = 10): Promise<Db> {
  return (await freshPostgresOpened(server, poolSize)).db;
}

async function freshPglite(): Promise<Db> {
  return (await openDatabase({})).db;
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
  /** (b) the cost of the one door, on a durable PostgreSQL, in the database and over HTTP. */
  b: async () => {
    const durable = await startPostgres({ durable: true });
    try {
      const reads = process.env.BENCH_DOOR_READS ? Number(process.env.BENCH_DOOR_READS) : undefined;
      printOneDoor(await benchOneDoor(durable, { reads }));
    } finally {
      durable.stop();
    }
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
      console.log(
        `    ${engine.padEnd(10)} : vérification ${fmt(result.entriesPerSecond)} entrées/s (médiane), scellement ${fmt(result.sealedPerSecond)} entrées/s`,
      );
      await db.close();
    }
  },
  /** (f) offer-search latency, p50 and p99, at BENCH_OFFERS offers (default 100,000). */
  f: async (server: PostgresServer) => {
    const count = Number(process.env.BENCH_OFFERS ?? 100_000);
    console.log(`(f) latence de la recherche d’offres — ${count} offres`);
    for (const [engine, open] of [
      ['postgres', () => freshPostgresOpened(server)],
      ['pglite', () => openDatabase({})],
    ] as const) {
      const opened = await open();
      const { p50, p99, slowest } = await benchOfferSearch(opened, count);
      console.log(`offer-search ${engine}: p50_ms=${p50.toFixed(1)} p99_ms=${p99.toFixed(1)}`);
      console.log(`    la plus lente : ${slowest}`);
      await opened.db.close();
    }
  },
};

const scaleBenches = {
  /** (g) Kairos at 1,000,000 job seekers: an OF's trainee-list page and an advisor's portfolio search. */
  g: benchKairos,
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

/** `npm run bench [-- --only a,b,c,d,e,f,g]`: prints each figure and its ratio; asserts nothing. */
export async function runBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string', default: 'a,b,c,d,e,f,g' } } });
  const chosen = values.only.split(',').map((name) => name.trim());
  console.log(
    `rempart bench — ${new Date().toISOString()} — ${os.cpus().length} cœurs, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}`,
  );
  const server = await startPostgres();
  try {
    for (const name of chosen) {
      if (name in identityBenches) await identityBenches[name as keyof typeof identityBenches]();
      else if (name in benches) await benches[name as keyof typeof benches](server);
      else if (name in scaleBenches) await scaleBenches[name as keyof typeof scaleBenches](server);
      else throw new Error(`banc inconnu : ${name}`);
    }
  } finally {
    server.stop();
  }
  return 0;
}
