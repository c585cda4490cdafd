import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import { makeVault } from '../../test/support/fixtures.js';
import { twoTrainingOrganisations } from '../../test/support/training.js';
import type { Db } from '../db/client.js';
import { systemRandom } from '../kernel/random.js';
import { parseCsv } from './csv.js';
import type { TrainingDeps } from './deps.js';
import { importSessions } from './session-import.js';

const header = 'intitulé;formacode;début;fin;lieu;département;places;financement';

describe('parseCsv', () => {
  it('keeps quoted separators, doubled quotes and line breaks, and the line each row starts on', () => {
    const rows = parseCsv('\uFEFFa;b\r\n"x;y";"il a dit ""oui"""\n"deux\nlignes";z\n\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;y', 'il a dit "oui"'] },
      { line: 3, fields: ['deux\nlignes', 'z'] },
    ]);
  });
  it('takes commas when the header has them', () => {
    expect(parseCsv('a,b\n1,2')[1]!.fields).toEqual(['1', '2']);
  });
});

describe.each(engines)('importing sessions from a CSV file (%s)', (engine) => {
  let db: Db;
  let deps: TrainingDeps;
  let world: Awaited<ReturnType<typeof twoTrainingOrganisations>>;

  beforeAll(async () => {
    db = await openTestDb(engine);
    const kit = await makeVault(db);
    deps = { db, vault: kit.vault, clock: kit.clock, random: systemRandom };
    world = await twoTrainingOrganisations(db, kit.vault);
  });
  afterAll(async () => db?.close());

  const count = async (organisationId: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM training_sessions WHERE organisation_id = $1 AND imported',
        [organisationId],
      )
    ).rows[0]!.n;

  it('imports every good row, reports each bad one with its line and reason, and loses none', async () => {
    const good = Array.from(
      { length: 450 },
      (_, i) => `Session ${i};31054;01/0${(i % 9) + 1}/2027;30/09/2027;Lyon;69;12;AFC`,
    );
    const csv = [
      header,
      ...good.slice(0, 200),
      'Sans dates;31054;;;Lyon;69;12;AFC',
      '"Titre ; avec point-virgule";1234;01/02/2027;01/01/2027;Lyon;6;0;Bourse',
      ...good.slice(200),
    ].join('\n');
    const progress: number[] = [];
    const report = await importSessions(deps, world.actors.ofUserA, csv, { onProgress: (done) => progress.push(done) });
    expect(report.imported).toBe(450);
    expect(report.rejected.map((r) => r.line)).toEqual([202, 203]);
    expect(report.rejected[0]!.reasons).toEqual([
      'Indiquez la date de début (JJ/MM/AAAA).',
      'Indiquez la date de fin (JJ/MM/AAAA).',
    ]);
    expect(report.rejected[1]!.reasons).toEqual(
      expect.arrayContaining([
        'Le code Formacode compte cinq chiffres.',
        'Indiquez un numéro de département (69, 2A, 974…).',
        'Au moins une place.',
        'Choisissez un financement.',
      ]),
    );
    expect(progress).toEqual([200, 400, 450]);
    expect(await count(world.orgA)).toBe(450);
    // Into the importer's organisation only.
    expect(await count(world.orgB)).toBe(0);
    // The dates in order, for a row that passes every field.
    const reversed = await importSessions(
      deps,
      world.actors.ofUserA,
      `${header}\nSession courte;;01/02/2027;01/01/2027;Lyon;69;3;CPF`,
    );
    expect(reversed.rejected).toEqual([{ line: 2, reasons: ['La date de fin précède la date de début.'] }]);
  });

  it('refuses a file without the columns, and reports lines of a lot against the whole file', async () => {
    const wrong = await importSessions(deps, world.actors.ofUserA, 'titre;date\nx;y');
    expect(wrong.fileError).toContain('Colonnes manquantes');
    const lot = await importSessions(deps, world.actors.ofUserA, `${header}\nS;;;;Lyon;69;3;CPF`, { lines: [731] });
    expect(lot.rejected[0]!.line).toBe(731);
  });
});
