import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { openDatabase, type OpenedDatabase } from '../../src/db/open.js';
import { templateBlob } from './pglite-template.js';

export type Engine = 'pglite' | 'postgres';

/** The engines every integration test runs on. */
export const engines: Engine[] = ['pglite', 'postgres'];

let counter = 0;

/** Creates an empty database on the test server and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  const name = `t_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

const openedBy = new WeakMap<Db, OpenedDatabase>();

/**
 * A fresh, migrated database on the given engine, opened as the platform opens it: migrated by
 * the schema's owner, then acting as the application's role.
 */
export async function openTestDatabase(engine: Engine, options: TestGuard = {}): Promise<OpenedDatabase> {
  const opened = await openDatabase({
    databaseUrl: engine === 'postgres' ? await createPostgresDatabase() : undefined,
    // PGlite starts from the run's migrated cluster rather than its own initdb.
    pgliteTemplate: engine === 'pglite' ? await templateBlob(inject('pgliteTemplate')) : undefined,
    poolSize: 5,
  });
  openedBy.set(opened.db, opened);
  if (options.guard !== 'as-shipped') {
    await opened.db.query("UPDATE guard_signal_weights SET weight = 0 WHERE kind IN ('out_of_scope', 'enumeration')");
  }
  return opened;
}

/** The same, when only the database is needed. */
export async function openTestDb(engine: Engine, options: TestGuard = {}): Promise<Db> {
  return (await openTestDatabase(engine, options)).db;
}

/**
 * How a test database's guard is set. Tests of scope ask for other organisations' ids again and
 * again on purpose ("gets nothing" tests), at one fixed instant: as the guard is shipped, those
 * probes would add up to a step-up (migration 0018), so by default a test database gives them no
 * weight. The guard's own tests, the canary tests and the attack simulators open theirs
 * 'as-shipped', with every weight of the migration.
 */
export interface TestGuard {
  guard?: 'as-shipped';
}

/**
 * The schema's owner on a test database: someone with full access to the database, for tests
 * that tamper with it. On PostgreSQL, close it after use.
 */
export function ownerOf(db: Db): Promise<Db> {
  const opened = openedBy.get(db);
  if (!opened) throw new Error('base de test inconnue : ouvrez-la avec openTestDatabase');
  return opened.openOwner();
}
