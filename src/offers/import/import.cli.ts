import { createReadStream } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { CliRefusal } from '../../cli/args.js';
import { typeset } from '../../cli/french.js';
import { progressBar } from '../../cli/progress.js';
import type { Platform } from '../../platform.js';
import { isoDay } from '../dates.js';
import { columns, headerKey, readRow, requiredColumns, RowRefused, type Column } from './dgafp-row.js';
import { employerIdOf, upsertImported, type RowOutcome } from './import-offers.js';

/** The arguments of `offers import FILE.csv [--report FILE]`, checked before the database opens. */
export function offersArguments(args: string[]): { file: string; report: string } {
  const { values, positionals } = parseArgs({
    args: args.slice(1),
    options: { report: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliRefusal('Erreur : indiquez un seul fichier CSV à importer.');
  const file = positionals[0]!;
  return { file, report: values.report ?? `${file.replace(/\.csv$/i, '')}.rejets.csv` };
}

/** The file's delimiter: the DGAFP's files use « ; », others « , ». */
function delimiterOf(firstLine: string): string {
  return firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
}

/** Each column read, by its index in the file; refuses a file without a required one. */
function columnIndexes(header: readonly string[]): Map<Column, number> {
  const keys = header.map(headerKey);
  const found = new Map<Column, number>();
  for (const [column, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    const index = keys.findIndex((k) => names.includes(k));
    if (index >= 0) found.set(column, index);
  }
  const missing = requiredColumns.filter((column) => !found.has(column));
  if (missing.length > 0) {
    throw new CliRefusal(
      `Erreur : colonnes absentes du fichier : ${missing.map((c) => `« ${columns[c][0]} »`).join(', ')}.`,
    );
  }
  return found;
}

const csvCell = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** What an import did, for the summary and the tests. */
export interface ImportReport {
  read: number;
  counts: Record<RowOutcome, number>;
  rejected: { line: number; reference: string; reason: string }[];
}

/**
 * Imports the DGAFP's open-data file of offers: every good row is written (one transaction
 * each, so a bad row loses no good one), every refused row is listed with its reason in the
 * report file, and a second import of the same file changes nothing.
 */
export async function importOffersFile(
  platform: Pick<Platform, 'db' | 'clock' | 'random'>,
  input: { file: string; report: string; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const text = await readFile(input.file, 'utf8');
  const total = Math.max(0, text.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1);
  const parser = createReadStream(input.file).pipe(
    parse({ delimiter: delimiterOf(text.split(/\r?\n/, 1)[0] ?? ''), bom: true, relax_column_count: true, info: true }),
  );
  const report: ImportReport = { read: 0, counts: { inserted: 0, updated: 0, unchanged: 0 }, rejected: [] };
  const seen = new Map<string, number>();
  const employers = new Map<string, string>();
  const today = isoDay(platform.clock.now());
  let indexes: Map<Column, number> | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!indexes) {
      indexes = columnIndexes(record);
      continue;
    }
    if (record.every((cell) => cell.trim() === '')) continue;
    report.read += 1;
    const line = info.lines;
    const get = (column: Column) => {
      const index = indexes!.get(column);
      return index === undefined ? undefined : record[index];
    };
    try {
      const row = readRow(get);
      const first = seen.get(row.reference);
      if (first !== undefined) throw new RowRefused(`référence déjà lue à la ligne ${first}`);
      seen.set(row.reference, line);
      const outcome = await platform.db.transaction(async (tx) => {
        const employerId = await employerIdOf(tx, platform.random, employers, row);
        return upsertImported(tx, row, employerId, today, platform.clock.now());
      });
      if (outcome === 'taken') throw new RowRefused('référence déjà prise par une offre rédigée dans rempart');
      report.counts[outcome] += 1;
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      report.rejected.push({ line, reference: (get('reference') ?? '').trim(), reason: error.message });
    }
    input.onProgress?.(report.read, total);
  }
  if (!indexes) throw new CliRefusal('Erreur : le fichier est vide.');
  const lines = [
    'ligne;référence;motif',
    ...report.rejected.map((r) => `${r.line};${csvCell(r.reference)};${csvCell(r.reason)}`),
  ];
  await writeFile(input.report, `${lines.join('\n')}\n`, 'utf8');
  return report;
}

/** `rempart offers import FILE.csv [--report FILE]`: progress on stderr, a summary on stdout. */
export async function runOffersCommand(
  args: string[],
  platform: Platform,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const { file, report: reportFile } = offersArguments(args);
  try {
    await access(file);
  } catch {
    throw new CliRefusal(`Erreur : fichier introuvable « ${file} ».`);
  }
  const bar = progressBar('Import des offres');
  const report = await importOffersFile(platform, { file, report: reportFile, onProgress: bar.update }).finally(
    bar.stop,
  );
  const { inserted, updated, unchanged } = report.counts;
  io.stdout.write(
    typeset(
      `${report.read} lignes lues : ${inserted} nouvelles offres, ${updated} mises à jour, ${unchanged} inchangées, ` +
        `${report.rejected.length} refusées (motifs dans ${reportFile}).\n`,
    ),
  );
  return report.rejected.length > 0 ? 1 : 0;
}
