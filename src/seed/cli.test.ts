import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import { makeVault } from '../../test/support/fixtures.js';
import type { Db } from '../db/client.js';
import type { Vault } from '../vault/index.js';
import { runSeedCommand } from './cli.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('rempart seed', () => {
  let db: Db;
  let vault: Vault;
  const run = async (args: string[]) => {
    const out = capture();
    const err = capture();
    const code = await runSeedCommand(args, {
      db,
      vault,
      out: out.stream,
      err: err.stream,
      onProgress: () => undefined,
    });
    return { code, out: out.text(), err: err.text() };
  };

  beforeAll(async () => {
    db = await openTestDb('pglite');
    ({ vault } = await makeVault(db));
  });
  afterAll(async () => {
    await db.close();
  });

  it.each([
    [['--people', 'abc'], '--people attend un nombre entier positif, et non « abc ».'],
    [
      ['--people', '-3'],
      'Arguments invalides pour «\u00a0rempart seed\u00a0»\u00a0: valeur manquante ou invalide pour --people. Utilisation\u00a0: rempart seed --people N [--seed S]',
    ],
    [['--people=-3'], '--people attend un nombre entier positif, et non « -3 ».'],
    [['--people', '0'], '--people doit être compris entre 1 et 10'],
    [['--people', '2.5'], '--people attend un nombre entier positif, et non « 2.5 ».'],
    [[], 'L’option --people est obligatoire'],
    [['--people', '10', '--seed', 'graine'], '--seed attend un entier positif ou nul, et non « graine ».'],
    [['--people', '10', '--seed', '99999999999999999999'], '--seed attend un entier positif ou nul'],
    [['--people', '10', '--verbose'], 'rempart seed\u00a0»\u00a0: option inconnue «\u00a0--verbose\u00a0».'],
    [['--people', '10', 'extra'], 'rempart seed\u00a0»\u00a0: argument inattendu «\u00a0extra\u00a0».'],
  ])('refuses %j with one French sentence and exit code 2', async (args, message) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });

  it('seeds, then prints counts, duration and throughput in French', async () => {
    const { code, out, err } = await run(['--people', '120', '--seed', '7']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Données générées avec la graine 7 en [\d,]+ s, soit [\d\s\u202f]+ personnes par seconde\.$/m);
    expect(out).toMatch(/personnes\s+120 \(\d+ demandeurs d’emploi, \d+ candidats\)/);
    expect(out).toMatch(/offres d’emploi\s+\d+/);
    expect(out).toMatch(/personnes témoins \(enregistrées à part\)\s+3/);
  });

  it('refuses a database that already holds data', async () => {
    const { code, err } = await run(['--people', '10']);
    expect(code).toBe(2);
    expect(err).toBe('La base contient déjà des données : « rempart seed » ne remplit qu’une base vide.\n');
  });
});
