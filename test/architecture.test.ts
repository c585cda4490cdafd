import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptedColumns } from '../src/vault/catalogue.js';

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [full] : [];
  });
}

/** Only these folders may name an encrypted column or a blind index. */
const allowed = [path.join(root, 'src/vault') + path.sep, path.join(root, 'src/crypto') + path.sep];

const encrypted = Object.values(encryptedColumns).flatMap((table) => table.columns);

describe('the one door', () => {
  it('no module (tests aside) outside src/vault and src/crypto names an encrypted column or a blind index', () => {
    const offenders: string[] = [];
    const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'bench'))];
    for (const file of files) {
      // Tests may name columns on purpose, to tamper with ciphertexts and prove it is caught.
      if (allowed.some((prefix) => file.startsWith(prefix)) || file.endsWith('.test.ts')) continue;
      const text = readFileSync(file, 'utf8');
      const names = text.match(/\b[a-z][a-z0-9_]*_(enc|bidx)\b/g) ?? [];
      for (const name of new Set(names)) offenders.push(`${path.relative(root, file)}: ${name}`);
    }
    expect(offenders).toEqual([]);
  });

  it('knows every encrypted column of the schema', () => {
    const migrations = readdirSync(path.join(root, 'src/db/migrations'))
      .map((name) => readFileSync(path.join(root, 'src/db/migrations', name), 'utf8'))
      .join('\n');
    const declared = new Set(migrations.match(/\b[a-z][a-z0-9_]*_enc\b(?=\s+bytea)/g));
    expect([...declared].sort()).toEqual([...new Set(encrypted)].sort());
  });

  it('would catch an offender (the scanner is not blind)', () => {
    const sample = "await db.query('SELECT email_enc FROM people')";
    expect(sample.match(/\b[a-z][a-z0-9_]*_(enc|bidx)\b/g)).toEqual(['email_enc']);
  });
});

/**
 * A test file that replaces a module without resetting the worker's modules (it would read their
 * cached copies) and removing its mock after it (the next file would read the mocked module, or
 * modules built on it: vi.resetModules keeps mock registrations).
 */
function mocksWithoutReset(text: string): boolean {
  if (!/\bvi\.(mock|doMock)\(/.test(text)) return false;
  return !/\bvi\.resetModules\(\)/.test(text) || !/\bvi\.doUnmock\(/.test(text);
}

describe('test files sharing their worker’s modules (vitest isolate: false)', () => {
  it('replace a module only after a module reset, and remove the mock after them', () => {
    const tests = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'test'))].filter((file) =>
      file.endsWith('.test.ts'),
    );
    // This file names the calls in its own samples.
    const offenders = tests
      .filter((file) => file !== import.meta.filename)
      .filter((file) => mocksWithoutReset(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });

  it('would catch such a file', () => {
    expect(mocksWithoutReset("vi.mock('./tokens.js', () => ({}));")).toBe(true);
    expect(mocksWithoutReset("vi.mock('./tokens.js', () => ({}));\nvi.resetModules();")).toBe(true);
    const clean = "vi.resetModules();\nvi.doMock('./tokens.js', () => ({}));\nvi.doUnmock('./tokens.js');";
    expect(mocksWithoutReset(clean)).toBe(false);
  });
});
