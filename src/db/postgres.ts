import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, QueryOptions, QueryResult, Tx } from './client.js';

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

const names = new Map<string, string>();

/** A prepared statement's name: the same text always gets the same name, on every connection. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `r${createHash('sha256').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

function config(sql: string, params: readonly unknown[], options?: QueryOptions): pg.QueryConfig {
  return { text: sql, values: params as unknown[], ...(options?.prepare ? { name: statementName(sql) } : {}) };
}

/**
 * Opens a pool on a PostgreSQL server (15 or newer). With `role`, every connection acts as that
 * role from the start: the application's rights, not its login's.
 */
export async function openPostgres(connectionString: string, max = 10, options: { role?: string } = {}): Promise<Db> {
  // The role travels in the connection's start-up parameters (`-c role=…`, as SET ROLE does):
  // it is in force before the first query, on every connection the pool opens.
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    ...(options.role ? { options: `-c role=${options.role}` } : {}),
  });
  // Fail at start-up, with a clear error, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    engine: 'postgres',
    query: async <Row>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) =>
      wrap<Row>(await pool.query(config(sql, params, options))),
    transaction: async (work) => {
      const client = await pool.connect();
      const tx: Tx = {
        inTransaction: true,
        query: async <Row>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) =>
          wrap<Row>(await client.query(config(sql, params, options))),
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
