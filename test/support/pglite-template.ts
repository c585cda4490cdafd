import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../src/db/migrate.js';
import { openPglite, pgliteDb, pgliteExtensions } from '../../src/db/pglite.js';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * What the template depends on: PGlite's version, the migrations and the code that applies
 * them. Any change gives a new name, so a stale cluster is never reused.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json')));
  hash.update(readFileSync(path.join(root, 'src/db/migrate.ts')));
  const migrations = path.join(root, 'src/db/migrations');
  for (const name of readdirSync(migrations).sort()) {
    hash.update(name);
    hash.update(readFileSync(path.join(migrations, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * An empty, migrated PGlite cluster saved as a tarball in node_modules/.cache, made once for a
 * given set of migrations. initdb takes most of a new PGlite's start-up (several seconds on two
 * busy cores); every test file that opens one loads this copy instead. Migrations still run on
 * each copy, so a new one is never missed.
 */
export async function pgliteTemplate(): Promise<string> {
  const dir = path.join(root, 'node_modules/.cache/rempart');
  const file = path.join(dir, `pglite-template-${templateKey()}-v2.tar`);
  if (existsSync(file)) return file;
  const pg = await PGlite.create({ extensions: pgliteExtensions });
  try {
    await migrate(pgliteDb(pg));
    const tarball = await pg.dumpDataDir('none');
    await mkdir(dir, { recursive: true });
    // Written aside, then renamed: a run that starts meanwhile never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    renameSync(partial, file);
    // Older templates (other migrations) are not needed any more: 40 MB each. Those of the last
    // hour stay: another checkout sharing these node_modules may be running on its own.
    const stale = Date.now() - 60 * 60_000;
    for (const name of readdirSync(dir)) {
      const other = path.join(dir, name);
      if (/^pglite-template-[0-9a-f]+(-v2)?\.tar$/.test(name) && other !== file && statSync(other).mtimeMs < stale)
        rmSync(other);
    }
    return file;
  } finally {
    await pg.close();
  }
}

/** The run's template, ready for `openDatabase({ pgliteTemplate })`. */
export async function templateBlob(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}

/**
 * Lays the template's cluster in `DATA_DIR/pglite`, where `rempart` opens its database, so that a
 * CLI test does not pay for initdb; `rempart serve`'s first-start test still makes its own.
 */
export async function prepareDataDir(file: string, dataDir: string): Promise<void> {
  const dir = path.join(dataDir, 'pglite');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await (await openPglite(dir, await templateBlob(file))).close();
}
