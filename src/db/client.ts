/** What every query returns, whichever engine ran it. */
export interface QueryResult<Row> {
  rows: Row[];
  affectedRows: number;
}

/** How to run one query. */
export interface QueryOptions {
  /**
   * Keep the statement prepared on each connection (PostgreSQL): planned once, not at every
   * call. For hot statements whose text is fixed, such as the vault's door.
   */
  prepare?: boolean;
}

/** Something that runs parameterised SQL: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
}

/** A transaction in progress. Only code handed a Tx can take part in it. */
export type Tx = Queryable & { readonly inTransaction: true };

/**
 * One interface over PGlite and PostgreSQL. The SQL that runs through it stays within
 * PostgreSQL 15, the oldest server we support (PGlite 0.5 is PostgreSQL 18).
 */
export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
