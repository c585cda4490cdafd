import { mkdir } from 'node:fs/promises';
import type { Db } from './client.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { APP_ROLE, grantApplicationRole } from './roles.js';

export interface DatabaseSettings {
  /** PostgreSQL, as the application's login; PGlite in `pgliteDir` (or memory) without it. */
  databaseUrl?: string;
  /** PostgreSQL, as the schema's owner, for migrations; DATABASE_URL's login when absent. */
  databaseOwnerUrl?: string;
  /** The embedded database's directory; in memory when undefined. */
  pgliteDir?: string;
  poolSize?: number;
}

/** An open database, acting as the application's role, and the migrations this opening applied. */
export interface OpenedDatabase {
  db: Db;
  migrated: string[];
  /** The schema's owner, for what only it may do (tests of tampering, the privileges test). */
  openOwner(): Promise<Db>;
}

/**
 * Migrates as the schema's owner, gives the application's role exactly its rights, then opens
 * the connections the platform uses as that role. On PGlite, one connection: SET ROLE after the
 * migrations. The role cannot UPDATE, DELETE or TRUNCATE the access log (src/db/roles.ts).
 */
export async function openDatabase(settings: DatabaseSettings): Promise<OpenedDatabase> {
  if (!settings.databaseUrl) {
    if (settings.pgliteDir) await mkdir(settings.pgliteDir, { recursive: true, mode: 0o700 });
    const db = await openPglite(settings.pgliteDir);
    try {
      const migrated = await migrate(db);
      await grantApplicationRole(db, null);
      await db.exec(`SET ROLE ${APP_ROLE}`);
      return { db, migrated, openOwner: async () => ownerView(db) };
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  const appUrl = settings.databaseUrl;
  const ownerUrl = settings.databaseOwnerUrl ?? appUrl;
  const owner = await openPostgres(ownerUrl, 2);
  let migrated: string[];
  try {
    migrated = await migrate(owner);
    await grantApplicationRole(owner, await loginOf(appUrl, owner));
  } finally {
    await owner.close();
  }
  const db = await openPostgres(appUrl, settings.poolSize ?? 10, { role: APP_ROLE });
  return { db, migrated, openOwner: () => openPostgres(ownerUrl, 2) };
}

/** The login role a URL names (its user), or the owner's own when it names none. */
async function loginOf(url: string, owner: Db): Promise<string> {
  const user = decodeURIComponent(new URL(url).username);
  if (user) return user;
  const { rows } = await owner.query<{ user: string }>('SELECT session_user AS user');
  return rows[0]!.user;
}

/**
 * PGlite has one connection: the owner's view resets the role for each query and sets it back.
 * For tests that play someone with full access to the database files.
 */
function ownerView(db: Db): Db {
  const asOwner = async <T>(work: () => Promise<T>): Promise<T> => {
    await db.exec('RESET ROLE');
    try {
      return await work();
    } finally {
      await db.exec(`SET ROLE ${APP_ROLE}`);
    }
  };
  return {
    engine: db.engine,
    query: (sql, params, options) => asOwner(() => db.query(sql, params, options)),
    transaction: (work) => asOwner(() => db.transaction(work)),
    exec: (sql) => asOwner(() => db.exec(sql)),
    close: async () => undefined,
  };
}
