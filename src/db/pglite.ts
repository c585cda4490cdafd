import { PGlite, type Transaction } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Db, QueryResult, Tx } from './client.js';

function wrap<Row>(result: { rows: unknown[]; affectedRows?: number }): QueryResult<Row> {
  return { rows: result.rows as Row[], affectedRows: result.affectedRows ?? 0 };
}

function asTx(tx: Transaction): Tx {
  return {
    inTransaction: true,
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      wrap<Row>(await tx.query(sql, params as unknown[])),
  };
}

/**
 * The contrib extensions our migrations create, loaded into every PGlite we open: `unaccent`
 * for French full-text search (migration 0010), which PostgreSQL ships in its contrib too.
 */
export const pgliteExtensions = { unaccent };

/**
 * Opens the embedded engine: file-backed in `dataDir`, or in memory when it is undefined. A
 * `template` (a tarball from PGlite's dumpDataDir) starts from that cluster instead of running
 * initdb, most of a new database's start-up; the tests use one.
 */
export async function openPglite(dataDir?: string, template?: Blob): Promise<Db> {
  return pgliteDb(
    await PGlite.create({
      extensions: pgliteExtensions,
      ...(dataDir ? { dataDir } : {}),
      ...(template ? { loadDataDir: template } : {}),
    }),
  );
}

/** Our client over an open PGlite. */
export function pgliteDb(pg: PGlite): Db {
  return {
    engine: 'pglite',
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      wrap<Row>(await pg.query(sql, params as unknown[])),
    transaction: (work) => pg.transaction((tx) => work(asTx(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
