import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { openFromTemplate } from './pglite-template.js';

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

/** A fresh, migrated database on the given engine. */
export async function openTestDb(engine: Engine): Promise<Db> {
  const db =
    engine === 'pglite'
      ? await openFromTemplate(inject('pgliteTemplate'))
      : await openPostgres(await createPostgresDatabase(), 5);
  await migrate(db);
  return db;
}
