import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../kernel/errors.js';

interface DocumentedError {
  code: string;
  status: number;
  message: string;
  when: string;
}

const docPath = new URL('../../docs/errors.md', import.meta.url);
const ROW = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*(.+?)\s*\|\s*(.+?)\s*\|\s*$/;

/** The rows of the table in docs/errors.md whose first cell is a `CODE`. */
function documentedErrors(): DocumentedError[] {
  return readFileSync(docPath, 'utf8')
    .split('\n')
    .map((line) => ROW.exec(line))
    .filter((match) => match !== null)
    .map(([, code, status, message, when]) => ({
      code: code!,
      status: Number(status),
      message: message!,
      when: when!,
    }));
}

describe('docs/errors.md and the error catalogue', () => {
  const documented = documentedErrors();
  const catalogue = Object.entries(errorCatalogue);

  it('documents each code once', () => {
    const codes = documented.map((row) => row.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(catalogue)('documents %s with the catalogue’s status and message', (code, entry) => {
    const row = documented.find((candidate) => candidate.code === code);
    expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
    expect(row!.status).toBe(entry.status);
    expect(row!.message).toBe(entry.message);
    expect(row!.when.length).toBeGreaterThan(10);
  });

  it('documents no code that the catalogue lacks', () => {
    const unknown = documented.map((row) => row.code).filter((code) => !Object.hasOwn(errorCatalogue, code));
    expect(unknown).toEqual([]);
  });
});
