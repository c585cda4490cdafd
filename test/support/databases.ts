import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { openDatabase, type OpenedDatabase } from '../../src/db/open.js';

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
export async function openTestDatabase(engine: Engine): Promise<OpenedDatabase> {
  const opened = await openDatabase({
    databaseUrl: engine === 'postgres' ? await createPostgresDatabase() : undefined,
    poolSize: 5,
  });
  openedBy.set(opened.db, opened);
  return opened;
}

/** The same, when only the database is needed. */
export async function openTestDb(engine: Engine): Promise<Db> {
  return (await openTestDatabase(engine)).db;
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
