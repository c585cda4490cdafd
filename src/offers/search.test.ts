import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { fixedClock } from '../kernel/clock.js';
import { searchQuery } from './criteria.js';
import { insertEmployer, insertOffer } from './offers.fixtures.js';
import { searchOffers } from './search-offers.js';

/**
 * The public search, on both engines with the same SQL: French words with stemming and accents,
 * every filter, the two sorts, pages, and only published offers.
 */
describe.each(engines)('searching offers on %s', (engine) => {
  let db: Db;
  const clock = fixedClock(new Date('2026-11-26T10:00:00Z'));
  const search = async (query: Record<string, string>) => searchOffers({ db, clock }, searchQuery.parse(query));
  const titles = async (query: Record<string, string>) => (await search(query)).rows.map((row) => row.title);

  beforeAll(async () => {
    db = await openTestDb(engine);
    const chu = await insertEmployer(db, 'CHU de Rennes', 'hospitaliere');
    const mairie = await insertEmployer(db, 'Mairie de Brest', 'territoriale');
    const fields = (title: string, more = {}) => ({ fields: { title, ...more } });
    await insertOffer(db, chu, {
      versant: 'hospitaliere',
      publishedOn: '2026-11-10',
      ...fields('Infirmière en soins généraux', { metier: 'Infirmier', domaine: 'Santé', category: 'A' }),
    });
    await insertOffer(db, chu, {
      versant: 'hospitaliere',
      publishedOn: '2026-11-18',
      ...fields('Aide-soignant de nuit', {
        metier: 'Aide-soignant',
        domaine: 'Santé',
        category: 'C',
        description: 'Vous assistez l’équipe infirmière de l’hôpital.',
        contractMonths: 12,
        nature: 'Contractuel',
      }),
    });
    await insertOffer(db, mairie, {
      versant: 'territoriale',
      publishedOn: '2026-11-20',
      ...fields('Secrétaire de mairie', { departement: '29', place: 'Brest', metier: 'Secrétaire de mairie' }),
    });
    for (const status of ['draft', 'closed', 'archived'] as const) {
      await insertOffer(db, chu, { status, ...fields(`Infirmier ${status}`) });
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it('finds words whatever their accents, case and inflection', async () => {
    for (const q of ['infirmiere', 'INFIRMIÈRES', 'infirmières', 'Infirmière', 'infirmier', 'infirmiers']) {
      expect(await titles({ q })).toContain('Infirmière en soins généraux');
    }
    // « hôpitaux » stems to « hopital », written in the aide-soignant's description.
    expect(await titles({ q: 'hôpitaux' })).toEqual(['Aide-soignant de nuit']);
    expect(await titles({ q: 'generaux soins' })).toEqual(['Infirmière en soins généraux']);
    // Control: a word in no offer finds none.
    expect(await titles({ q: 'astronaute' })).toEqual([]);
  });

  it('shows published offers only', async () => {
    const all = await titles({});
    expect(all).toHaveLength(3);
    expect(all.some((title) => /draft|closed|archived/.test(title))).toBe(false);
  });

  it('filters by versant, catégorie, nature, domaine, métier, département and contract', async () => {
    expect(await titles({ versant: 'territoriale' })).toEqual(['Secrétaire de mairie']);
    expect(await titles({ categorie: 'C' })).toEqual(['Aide-soignant de nuit']);
    expect(await titles({ nature: 'Contractuel' })).toEqual(['Aide-soignant de nuit']);
    expect((await titles({ domaine: 'Santé' })).sort()).toEqual([
      'Aide-soignant de nuit',
      'Infirmière en soins généraux',
    ]);
    expect(await titles({ metier: 'Infirmier' })).toEqual(['Infirmière en soins généraux']);
    expect(await titles({ departement: '29' })).toEqual(['Secrétaire de mairie']);
    expect(await titles({ contrat: 'duree_determinee' })).toEqual(['Aide-soignant de nuit']);
    expect(await titles({ contrat: 'permanent', domaine: 'Santé' })).toEqual(['Infirmière en soins généraux']);
  });

  it('sorts by date, or by relevance with the title first', async () => {
    expect(await titles({})).toEqual(['Secrétaire de mairie', 'Aide-soignant de nuit', 'Infirmière en soins généraux']);
    // « infirmière » is in one title and one description: relevance puts the title first, date the newer.
    expect(await titles({ q: 'infirmière', tri: 'pertinence' })).toEqual([
      'Infirmière en soins généraux',
      'Aide-soignant de nuit',
    ]);
    expect(await titles({ q: 'infirmière', tri: 'date' })).toEqual([
      'Aide-soignant de nuit',
      'Infirmière en soins généraux',
    ]);
  });

  it('gives the filters’ choices from published offers', async () => {
    const { facets } = await search({});
    expect(facets.departements).toEqual(['29', '35']);
    expect(facets.domaines).toContain('Santé');
  });
});

describe('pages of results', () => {
  it('cuts results in pages of 20 and counts them', async () => {
    const db = await openTestDb('pglite');
    try {
      const employer = await insertEmployer(db, 'Préfecture');
      for (let i = 0; i < 25; i++) {
        await insertOffer(db, employer, {
          publishedOn: `2026-11-${String(i + 1).padStart(2, '0')}`,
          fields: { title: `Poste ${i}` },
        });
      }
      const clock = fixedClock(new Date('2026-11-26T10:00:00Z'));
      const first = await searchOffers({ db, clock }, searchQuery.parse({}));
      const second = await searchOffers({ db, clock }, searchQuery.parse({ page: '2' }));
      expect([first.total, first.pages, first.rows.length, second.rows.length]).toEqual([25, 2, 20, 5]);
      expect(first.rows[0]!.title).toBe('Poste 24');
      expect(second.rows.at(-1)!.title).toBe('Poste 0');
    } finally {
      await db.close();
    }
  });
});
