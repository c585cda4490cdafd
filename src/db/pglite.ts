import { PGlite, type Transaction } from '@electric-sql/pglite';
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

/** Opens the embedded engine: file-backed in `dataDir`, or in memory when it is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  return pgliteDb(await PGlite.create(dataDir ? { dataDir } : {}));
}

/** Our client over an open PGlite (tests also start one from a saved cluster). */
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
