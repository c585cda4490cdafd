import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../kernel/clock.js';
import { systemRandom } from '../../kernel/random.js';
import { main } from '../../main.js';
import { NOT_GIVEN, offerPageView } from '../offers.presenter.js';
import { findPublic } from '../offers.repo.js';
import { importOffersFile } from './import.cli.js';

const sample = path.resolve(import.meta.dirname, '../../../test/fixtures/offres-dgafp-echantillon.csv');

/** Bad rows after the sample's good ones: each refused with its reason, none losing a good one. */
const badRows = [
  // no reference
  ';Sans référence;;Mairie de Brest;Fonction publique territoriale;C;Titulaire;Agent;Administration générale;Finistère (29);Brest;;;Oui;10/11/2026;10/12/2026;;',
  '2026-9000101;Versant inconnu;;Mairie de Brest;Fonction publique européenne;C;Titulaire;Agent;Administration générale;Finistère (29);Brest;;;Oui;10/11/2026;10/12/2026;;',
  '2026-9000102;Sans département;;Mairie de Brest;Fonction publique territoriale;C;Titulaire;Agent;Administration générale;Bretagne;Brest;;;Oui;10/11/2026;10/12/2026;;',
  '2026-9000103;Date impossible;;Mairie de Brest;Fonction publique territoriale;C;Titulaire;Agent;Administration générale;Finistère (29);Brest;;;Oui;31/02/2026;10/12/2026;;',
  // the same reference as the sample's first row
  '2026-9000001;Doublon;;Mairie de Brest;Fonction publique territoriale;C;Titulaire;Agent;Administration générale;Finistère (29);Brest;;;Oui;10/11/2026;10/12/2026;;',
];

describe.each(engines)('importing the open-data file of offers on %s', (engine) => {
  let db: Db;
  let dir: string;
  const clock = fixedClock(new Date('2026-11-26T10:00:00Z'));
  const platform = () => ({ db, clock, random: systemRandom });
  const snapshot = async () =>
    (await db.query('SELECT reference, title, status, updated_at FROM offers ORDER BY reference')).rows;

  beforeAll(async () => {
    db = await openTestDb(engine);
    dir = await mkdtemp(path.join(os.tmpdir(), 'rempart-import-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports every good row, reports each bad one with its reason, and changes nothing the second time', async () => {
    const file = path.join(dir, 'offres.csv');
    await writeFile(file, `${(await readFile(sample, 'utf8')).trimEnd()}\n${badRows.join('\n')}\n`);
    const report = path.join(dir, 'rejets.csv');
    const first = await importOffersFile(platform(), { file, report });
    expect(first.read).toBe(11);
    expect(first.counts).toEqual({ inserted: 6, updated: 0, unchanged: 0 });
    expect(first.rejected.map((r) => [r.line, r.reason])).toEqual([
      [8, 'référence manquant'],
      [9, 'versant inconnu « Fonction publique européenne »'],
      [10, 'localisation sans numéro de département « Bretagne »'],
      [11, 'date de publication illisible « 31/02/2026 »'],
      [12, 'référence déjà lue à la ligne 2'],
    ]);
    const written = await readFile(report, 'utf8');
    expect(written.split('\n')[0]).toBe('ligne;référence;motif');
    expect(written).toContain('12;"2026-9000001";"référence déjà lue à la ligne 2"');
    const rows = await db.query<{
      reference: string;
      title: string;
      departement: string;
      contract_months: number | null;
      full_time: boolean;
      versant: string;
    }>('SELECT reference, title, departement, contract_months, full_time, versant FROM offers ORDER BY reference');
    expect(rows.rows).toHaveLength(6);
    expect(rows.rows[2]).toMatchObject({
      departement: '56',
      contract_months: 12,
      full_time: false,
      versant: 'territoriale',
    });
    expect(rows.rows[3]).toMatchObject({
      title: "Développeur d'applications « métier »",
      departement: '35',
      contract_months: 36,
    });
    expect(rows.rows[5]!.title).toBe('Aide-soignant de nuit; pôle gériatrie');
    // Imported offers are found by the search like any other.
    const found = await db.query(
      `SELECT reference FROM offers WHERE search_vector @@ offer_tsquery('jardinier lorient')`,
    );
    expect(found.rows).toEqual([{ reference: '2026-9000003' }]);
    // The file leaves out some art. 3 fields: the offer's page says so rather than hiding them.
    const imported = offerPageView((await findPublic(db, '2026-9000003'))!);
    expect(imported.missions).toBe(NOT_GIVEN);
    const given = new Map(imported.rows.map((row) => [row.label, row.value]));
    expect(given.get('Autorité de recrutement')).toBe(NOT_GIVEN);
    expect(given.get('Candidatures à adresser à')).toBe(NOT_GIVEN);
    expect(given.get('Employeur')).not.toBe(NOT_GIVEN);

    const before = await snapshot();
    clock.advance(60_000);
    const second = await importOffersFile(platform(), { file, report });
    expect(second.counts).toEqual({ inserted: 0, updated: 0, unchanged: 6 });
    expect(await snapshot()).toEqual(before);
    // Control: a changed row is updated, and only it.
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('Gestionnaire de paie', 'Gestionnaire de paie et carrières'),
    );
    const third = await importOffersFile(platform(), { file, report });
    expect(third.counts).toEqual({ inserted: 0, updated: 1, unchanged: 5 });
  });

  it('refuses a file without the required columns, and a command without one file', async () => {
    const bad = path.join(dir, 'colonnes.csv');
    await writeFile(bad, 'Référence;Intitulé\n2026-1;Poste\n');
    await expect(importOffersFile(platform(), { file: bad, report: path.join(dir, 'r.csv') })).rejects.toThrow(
      /colonnes absentes du fichier : « employeur », « versant »/,
    );
    const err: string[] = [];
    const sink = (lines: string[]) =>
      ({ write: (chunk: string) => lines.push(chunk) }) as unknown as NodeJS.WritableStream;
    expect(await main(['offers', 'import'], { env: {}, stdout: sink([]), stderr: sink(err) })).toBe(2);
    expect(err.join('')).toContain('un seul fichier CSV');
  });
});
