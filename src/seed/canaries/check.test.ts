import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { makeVault, twoOrganisations, type TestKit } from '../../../test/support/fixtures.js';
import { CliRefusal } from '../../cli/args.js';
import type { Db } from '../../db/client.js';
import type { Platform } from '../../platform.js';
import type { NewPerson, Vault } from '../../vault/index.js';
import { seedPeople } from '../seed.purposes.js';
import { canariesArguments } from './arguments.js';
import { runCanariesCommand } from './cli.js';
import { plantCanaries } from './index.js';

/** What a command printed, and its exit code. */
async function run(platform: Platform, args: string[]) {
  let out = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const code = await runCanariesCommand(args, platform, { stdout });
  return { code, out };
}

/**
 * The canaries' contacts, recorded apart: distinct, in the reserved ranges, kept as keyed
 * digests only, and recognised in a leaked file whatever its layout, on both engines.
 */
describe.each(engines)('canaries’ contacts and leaked files (%s)', (engine) => {
  let db: Db;
  let kit: TestKit;
  let world: Awaited<ReturnType<typeof twoOrganisations>>;
  let dir: string;
  /** The canaries as they were written, seen on their way into the vault. */
  const planted: NewPerson[] = [];
  let watched: Vault;

  beforeAll(async () => {
    db = await openTestDb(engine);
    kit = await makeVault(db);
    world = await twoOrganisations(db, kit.vault);
    dir = await mkdtemp(path.join(os.tmpdir(), 'rempart-canaries-'));
    watched = {
      ...kit.vault,
      write: async (actor, purpose, rows, tx) => {
        if (purpose === seedPeople) planted.push(...(rows as unknown as NewPerson[]));
        return kit.vault.write(actor, purpose, rows, tx);
      },
    };
    await plantCanaries({ ...kit.platform, vault: watched });
  });
  afterAll(() => db.close());

  it('gives each canary its own e-mail address on the reserved domain and a number in the fiction range', () => {
    // Two training organisations with a session each, and the pool's two broad languages.
    expect(planted).toHaveLength(4);
    const emails = planted.map((p) => p.email!);
    const phones = planted.map((p) => p.phone!);
    expect(new Set(emails).size).toBe(4);
    expect(new Set(phones).size).toBe(4);
    for (const email of emails) expect(email).toMatch(/^[a-z-]+\.[a-z-]+\d+@leurre\.rempart\.test$/);
    for (const phone of phones) expect(phone).toMatch(/^01 99 00 \d\d \d\d$/);
  });

  it('keeps them only as keyed digests, apart from any person', async () => {
    const { rows } = await db.query<{ digest: Uint8Array; kind: string; space: string }>(
      'SELECT digest, kind, space FROM canary_contacts ORDER BY kind',
    );
    expect(rows.map((row) => row.kind)).toEqual([
      'email',
      'email',
      'email',
      'email',
      'phone',
      'phone',
      'phone',
      'phone',
    ]);
    const stored = rows.map((row) => Buffer.from(row.digest).toString('hex'));
    const dump = JSON.stringify(rows) + JSON.stringify((await db.query('SELECT * FROM canary_plantings')).rows);
    for (const canary of planted) {
      for (const value of [canary.email!, canary.phone!, canary.phone!.replace(/ /g, ''), canary.id]) {
        expect(dump).not.toContain(value);
        // Not a plain hash either, which anyone could recompute from a guessed value.
        expect(stored).not.toContain(createHash('sha256').update(value).digest('hex'));
      }
    }
  });

  it('counts the canary contacts of a leaked file, whatever their spelling, and nothing else', async () => {
    // Planted in order: the two training organisations' canaries first.
    const [first, second] = planted;
    const file = path.join(dir, 'fuite.csv');
    const lines = [
      'nom;prenom;courriel;telephone',
      `Dupré;Hélène;${world.traineeA.email};06 12 34 56 78`,
      `${second!.lastName};${second!.firstName};inconnu@exemple.fr;+33 1 99 00 ${second!.phone!.slice(9)}`,
      `Nguyễn;Thảo;${world.traineeB.email};0612345678`,
      `${first!.lastName};${first!.firstName};"${first!.email!.toUpperCase()}";`,
      // A number of the fiction range that no canary has: the pattern alone proves nothing.
      'Fictif;Personnage;personnage@exemple.fr;01.99.00.00.00',
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { code, out } = await run(kit.platform, ['check', file]);
    expect(code).toBe(1);
    expect(out).toContain(
      `6 lignes lues dans ${file}\u00a0: 2 coordonnées de personnes témoins (1 adresse électronique, 1 numéro de téléphone)`,
    );
    expect(out).toMatch(
      /adresse électronique de la personne témoin de l’organisme de formation «\u00a0Organisation [0-9a-f]{6}\u00a0», ligne 5\n/,
    );
    expect(out).toMatch(/numéro de téléphone de la personne témoin de .+, ligne 3\n/);
    // Nothing of the file is printed back.
    expect(out).not.toContain(first!.email!);
    expect(out).not.toContain(second!.lastName);
  });

  it('finds none in a file without canaries, and says so with exit code 0', async () => {
    const file = path.join(dir, 'propre.txt');
    await writeFile(file, `${world.traineeA.email} 06 12 34 56 78\nrien d’autre\n`);
    const { code, out } = await run(kit.platform, ['check', file]);
    expect(code).toBe(0);
    expect(out).toContain('aucune coordonnée de personne témoin');
  });

  it('refuses a missing file, a second file, and a domain that is not one, in French', async () => {
    await expect(run(kit.platform, ['check', path.join(dir, 'absent.csv')])).rejects.toThrow(/fichier introuvable/);
    expect(() => canariesArguments(['check', 'a.csv', 'b.csv'])).toThrow(CliRefusal);
    expect(() => canariesArguments(['plant', '--email-domain', 'pas un domaine'])).toThrow(
      /n’est pas un nom de domaine/,
    );
    expect(canariesArguments(['plant', '--email-domain', 'Leurres.Exemple.fr'])).toEqual({
      command: 'plant',
      emailDomain: 'leurres.exemple.fr',
    });
  });

  it('plants under the domain it is given, and says what it planted', async () => {
    // A third training organisation, with a session: it qualifies for a canary.
    const organisation = randomUUID();
    await db.query(
      "INSERT INTO organisations (id, kind, name, siret) VALUES ($1, 'training', 'OF C', '99999999999999')",
      [organisation],
    );
    await db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, departement, place, starts_on, ends_on, capacity)
       VALUES ($1, $2, 'Cariste', '69', 'Lyon', '2026-09-01', '2027-02-28', 12)`,
      [randomUUID(), organisation],
    );
    const { code, out } = await run({ ...kit.platform, vault: watched }, [
      'plant',
      '--email-domain',
      'leurres.exemple.fr',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('organismes de formation\u00a0: 1 plantée, 2 déjà en place');
    expect(planted.slice(4).map((p) => p.email!.split('@')[1])).toEqual(['leurres.exemple.fr']);
  });
});
