import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, ownerOf } from '../../test/support/databases.js';
import type { Db } from './client.js';
import { listMigrations, migrate } from './migrate.js';

describe.each(engines)('database on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('records every migration once, and a second run applies nothing', async () => {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(await listMigrations());
    const owner = await ownerOf(db);
    try {
      expect(await migrate(owner)).toEqual([]);
    } finally {
      await owner.close();
    }
  });

  it('runs the application as a role that cannot change the schema', async () => {
    await expect(db.exec('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
  });

  it('returns int8 as numbers and bytea as bytes on both engines', async () => {
    const { rows } = await db.query<{ n: number; b: Uint8Array }>("SELECT 42::bigint AS n, '\\x0102'::bytea AS b");
    expect(rows[0]!.n).toBe(42);
    expect(Buffer.from(rows[0]!.b)).toEqual(Buffer.from([1, 2]));
  });

  it('rolls back a transaction that throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO guard_settings (name, value) VALUES ('rollback_probe', 1)");
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const { rows } = await db.query("SELECT * FROM guard_settings WHERE name = 'rollback_probe'");
    expect(rows).toHaveLength(0);
  });
});
