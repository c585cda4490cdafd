import pg from 'pg';
import type { Db, QueryResult, Tx } from './client.js';

const INT8_OID = 20;

// PGlite returns int8 as a number; make pg do the same so both engines give one shape.
// Our int8 columns (sequences, counters) stay far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
};

function wrap<Row>(result: pg.QueryResult): QueryResult<Row> {
  return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
}

/** Opens a pool on a PostgreSQL server (15 or newer). */
export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max, types });
  // Fail at start-up, with a clear error, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    engine: 'postgres',
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      wrap<Row>(await pool.query(sql, params as unknown[])),
    transaction: async (work) => {
      const client = await pool.connect();
      const tx: Tx = {
        inTransaction: true,
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          wrap<Row>(await client.query(sql, params as unknown[])),
      };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
