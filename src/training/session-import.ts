import type { Actor } from '../vault/index.js';
import { parseCsv } from './csv.js';
import { organisationOf, type TrainingDeps } from './deps.js';
import { sessionSchema } from './sessions.js';
import { insertSessions, type Funding, type NewSession } from './training.repo.js';

/** The columns of the import file, by their French header, and the field each fills. */
export const importColumns = {
  intitule: 'title',
  formacode: 'formacode',
  debut: 'startsOn',
  fin: 'endsOn',
  lieu: 'place',
  departement: 'departement',
  places: 'capacity',
  financement: 'funding',
} as const;

const fundingWords: Record<string, Funding> = {
  afc: 'afc',
  aif: 'aif',
  poe: 'poe',
  region: 'region',
  cpf: 'cpf',
  autre: 'other',
  other: 'other',
};

/** The most rows one import takes; a larger file is cut into several. */
export const IMPORT_MAX_ROWS = 5000;
const BATCH = 200;

export interface ImportReport {
  imported: number;
  rejected: { line: number; reasons: string[] }[];
  /** A problem with the whole file (no header, unknown columns), in French. */
  fileError?: string;
}

const plain = (header: string) =>
  header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Imports sessions from CSV text into the actor's organisation. Every good row is kept; each
 * rejected row is reported with its line and the French reason of each mistake, and nothing is
 * lost from the good ones. Rows go in by batches, each in its own statement, with `onProgress`
 * after each, so a long file shows its progress.
 */
export async function importSessions(
  deps: TrainingDeps,
  actor: Actor,
  text: string,
  options: {
    /** The line of the whole file each data row of `text` started on, when `text` is a lot of it. */
    lines?: readonly number[];
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<ImportReport> {
  const { organisationId, accountId } = organisationOf(actor);
  const [header, ...rows] = parseCsv(text);
  if (!header) return { imported: 0, rejected: [], fileError: 'Le fichier est vide.' };
  const keys = header.fields.map((name) => importColumns[plain(name) as keyof typeof importColumns]);
  const missing = Object.keys(importColumns).filter((name, i) => !keys.includes(Object.values(importColumns)[i]!));
  if (missing.length > 0) {
    return {
      imported: 0,
      rejected: [],
      fileError: `Colonnes manquantes dans la première ligne : ${missing.join(', ')}.`,
    };
  }
  if (rows.length > IMPORT_MAX_ROWS) {
    return { imported: 0, rejected: [], fileError: `Le fichier dépasse ${IMPORT_MAX_ROWS} lignes : découpez-le.` };
  }
  const report: ImportReport = { imported: 0, rejected: [] };
  const good: NewSession[] = [];
  for (const [index, row] of rows.entries()) {
    const values: Record<string, string> = {};
    keys.forEach((key, i) => key && (values[key] = row.fields[i] ?? ''));
    values.funding = fundingWords[plain(values.funding ?? '')] ?? values.funding ?? '';
    const parsed = sessionSchema.safeParse(values);
    if (parsed.success) good.push({ id: deps.random.uuid(), ...parsed.data });
    else
      report.rejected.push({
        line: options.lines?.[index] ?? row.line,
        reasons: [...new Set(parsed.error.issues.map((issue) => issue.message))],
      });
  }
  for (let start = 0; start < good.length; start += BATCH) {
    const batch = good.slice(start, start + BATCH);
    await insertSessions(deps.db, organisationId, accountId, batch, true);
    report.imported += batch.length;
    options.onProgress?.(report.imported, good.length);
  }
  return report;
}
