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
 * Splits a migration into statements on semicolons at line ends, outside dollar-quoted bodies
 * (`$$ … $$`, `$tag$ … $tag$`) of functions and triggers, and drops whole-line comments. Our
 * migrations keep to that shape, which is what lets them run inside one parameterless
 * transaction on both engines. It is not a SQL lexer: a semicolon at the end of a line inside a
 * quoted string would split it, so migrations do not write one.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let openTag: string | null = null;
  for (const line of sql.split('\n')) {
    if (openTag === null && /^\s*--/.test(line)) continue;
    current.push(line);
    for (const match of line.matchAll(/\$[A-Za-z_]*\$/g)) {
      if (openTag === null) openTag = match[0];
      else if (match[0] === openTag) openTag = null;
    }
    if (openTag === null && /;\s*$/.test(line)) {
      statements.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest.length > 0) statements.push(rest);
  return statements.filter((statement) => statement.length > 0);
}
