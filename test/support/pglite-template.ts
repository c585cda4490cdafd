import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { pgliteDb } from '../../src/db/pglite.js';

/**
 * An empty, migrated PGlite cluster saved once per run as a tarball. initdb takes most of a new
 * PGlite's start-up (several seconds on two busy cores); every test file that opens one loads
 * this copy instead. Migrations still run on each copy, so a new one is never missed.
 */
export async function makePgliteTemplate(): Promise<{ file: string; remove(): void }> {
  const pg = await PGlite.create();
  try {
    await migrate(pgliteDb(pg));
    const tarball = await pg.dumpDataDir('none');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rempart-pglite-'));
    const file = path.join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
    return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    await pg.close();
  }
}

/** A new PGlite started from the run's template: in memory, or in a new `dataDir`. */
export async function openFromTemplate(file: string, dataDir?: string): Promise<Db> {
  const loadDataDir = new Blob([await readFile(file)]);
  return pgliteDb(await PGlite.create({ loadDataDir, ...(dataDir ? { dataDir } : {}) }));
}

/**
 * Lays the template's cluster in `DATA_DIR/pglite`, where `rempart` opens its database, so that a
 * CLI test does not pay for initdb; `rempart serve`'s first-start test still makes its own.
 */
export async function prepareDataDir(file: string, dataDir: string): Promise<void> {
  const dir = path.join(dataDir, 'pglite');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await (await openFromTemplate(file, dir)).close();
}
