import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { frenchArgsError, isArgsError } from '../cli/args.js';
import { progressBar } from '../cli/progress.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Vault } from '../vault/index.js';
import { isoDay } from './dates.js';
import { seedDatabase, type SeedCounts } from './seed.js';

export interface SeedCommandDeps {
  db: Db;
  vault: Vault;
  out: NodeJS.WritableStream;
  /** Where French error messages go; defaults to the process's stderr. */
  err?: NodeJS.WritableStream;
  clock?: Clock;
  /** Progress as it goes. Without it, a bar is drawn on stderr when it is a terminal. */
  onProgress?: (done: number, total: number) => void;
  /** Plants the canaries once the people are written (src/seed/canaries/); returns how many. */
  plantCanaries?: () => Promise<number>;
}

export const MAX_PEOPLE = 10_000_000;

class UsageError extends Error {}

function parsePeople(value: string | undefined): number {
  if (value === undefined)
    throw new UsageError(
      'L’option --people est obligatoire : le nombre de personnes à générer (par exemple --people 1000).',
    );
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`--people attend un nombre entier positif, et non « ${value} ».`);
  const people = Number(value);
  if (people < 1 || people > MAX_PEOPLE)
    throw new UsageError(`--people doit être compris entre 1 et ${MAX_PEOPLE.toLocaleString('fr-FR')}.`);
  return people;
}

function parseSeed(value: string | undefined): number {
  // Without --seed, a fresh seed, printed so that the run can be reproduced.
  if (value === undefined) return randomInt(0, 2 ** 31);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--seed attend un entier positif ou nul, et non « ${value} ».`);
  }
  return Number(value);
}

const SYNOPSIS = 'rempart seed --people N [--seed S]';

function parse(args: string[]): { people: number; seed: number } {
  let values: { people?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { people: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    if (isArgsError(error)) throw new UsageError(frenchArgsError(error, 'seed', SYNOPSIS));
    throw error;
  }
  return { people: parsePeople(values.people), seed: parseSeed(values.seed) };
}

const fr = (value: number, digits = 0) => value.toLocaleString('fr-FR', { maximumFractionDigits: digits });

function summary(seed: number, counts: SeedCounts, seconds: number): string {
  const rows: [string, number, string?][] = [
    ['personnes', counts.people, `${fr(counts.jobSeekers)} demandeurs d’emploi, ${fr(counts.candidates)} candidats`],
    ['profils candidats', counts.profiles, `${fr(counts.poolOptIns)} ouverts au vivier`],
    ['organisations', counts.organisations],
    ['comptes des agents et partenaires', counts.staffAccounts],
    ['sessions de formation', counts.sessions],
    ['prescriptions vers une session', counts.referrals],
    ['déclarations des organismes', counts.referralEvents],
    ['portefeuilles des conseillers', counts.portfolios],
    ['offres d’emploi', counts.offers],
    ['candidatures', counts.applications],
    ['personnes témoins (enregistrées à part)', counts.canaries],
  ];
  const lines = rows.map(
    ([label, value, detail]) => `  ${label.padEnd(40)} ${fr(value).padStart(10)}${detail ? ` (${detail})` : ''}`,
  );
  return [
    `Données générées avec la graine ${seed} en ${fr(seconds, 1)} s, soit ${fr(counts.people / seconds)} personnes par seconde.`,
    ...lines,
    '',
  ].join('\n');
}

async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM organisations) AS n',
  );
  return Number(rows[0]!.n) === 0;
}

/**
 * `rempart seed --people N [--seed S]`: fills an empty database, prints what it made, and
 * returns the exit code (0, or 2 for a usage error, with one French sentence).
 */
export async function runSeedCommand(args: string[], deps: SeedCommandDeps): Promise<number> {
  const err = deps.err ?? process.stderr;
  let options: { people: number; seed: number };
  try {
    options = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err.write(`${error.message}\n`);
    return 2;
  }
  if (!(await isEmpty(deps.db))) {
    err.write('La base contient déjà des données : « rempart seed » ne remplit qu’une base vide.\n');
    return 2;
  }
  const bar = deps.onProgress || !process.stderr.isTTY ? null : progressBar('Génération des personnes');
  const started = performance.now();
  try {
    const result = await seedDatabase({
      db: deps.db,
      vault: deps.vault,
      ...options,
      ...(deps.clock ? { today: isoDay(deps.clock.now()) } : {}),
      onProgress: deps.onProgress ?? ((done, total) => bar?.update(done, total)),
    });
    const planted = (await deps.plantCanaries?.()) ?? 0;
    deps.out.write(summary(options.seed, result.counts, (performance.now() - started) / 1000));
    if (deps.plantCanaries)
      deps.out.write(`  ${'personnes témoins plantées'.padEnd(40)} ${fr(planted).padStart(10)}\n`);
    return 0;
  } finally {
    bar?.stop();
  }
}
