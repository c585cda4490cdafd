import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Lists the migration files in the order they apply: `NNNN_name.sql`. */
export async function listMigrations(): Promise<string[]> {
  const files = await readdir(migrationsDir);
  return files.filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file)).sort();
}

/**
 * Applies the migrations not yet recorded, in order, each inside a transaction with its
 * record. A lock keeps two starting processes from applying the same file twice.
 */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const name of await listMigrations()) {
    const sql = await readFile(path.join(migrationsDir, name), 'utf8');
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7210431)');
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [name]);
      if (seen.rows.length > 0) return false;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}

/**
 * Splits a migration into statements on semicolons at line ends. Our migrations keep to plain
 * DDL (no function bodies), which is what lets them run inside one parameterless transaction
 * on both engines; a file that needs `$$` bodies would need a real SQL lexer.
 */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}
