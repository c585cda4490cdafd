import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/client.js';
import type { SearchCriteria } from '../src/offers/criteria.js';
import type { Sort } from '../src/offers/offers.labels.js';
import { searchPublished } from '../src/offers/offers.repo.js';
import { departements } from '../src/seed/geography.js';
import { jobs } from '../src/seed/jobs.js';
import { Rng } from '../src/seed/rng.js';

const CHUNK = 5000;

/** `count` offers of 200 employers, 90 % published over 60 days, in batches of 5,000. */
async function fillOffers(db: Db, count: number): Promise<void> {
  const rng = new Rng(2026, 'bench-offers');
  const versants = ['etat', 'territoriale', 'hospitaliere'] as const;
  const employers = Array.from({ length: 200 }, (_, i) => ({ id: randomUUID(), versant: versants[i % 3]! }));
  await db.query(
    `INSERT INTO organisations (id, kind, name, versant)
     SELECT id, 'employer', 'Employeur ' || n, versant FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS e(id, versant, n)`,
    [employers.map((e) => e.id), employers.map((e) => e.versant)],
  );
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => {
      const employer = rng.pick(employers);
      const job = rng.pick(jobs);
      const departement = rng.pick(departements);
      const commune = rng.pick(departement.communes).name;
      const day = new Date(Date.UTC(2026, 10, 26) - rng.int(0, 60) * 86_400_000).toISOString().slice(0, 10);
      return {
        reference: `B${start + i}`,
        employer: employer.id,
        versant: employer.versant,
        title: `${job.title} (H/F)`,
        category: job.category,
        nature: rng.pick(['Titulaire', 'Contractuel', 'Titulaire ou contractuel']),
        metier: job.metier,
        domaine: job.domaine,
        departement: departement.code,
        place: commune,
        description: `Au sein du service, à ${commune}, vous occupez le poste de ${job.title.toLowerCase()} et contribuez aux missions du domaine ${job.domaine.toLowerCase()}.`,
        status: rng.chance(0.9) ? 'published' : 'closed',
        day,
        months: rng.chance(0.3) ? 12 : null,
      };
    });
    const col = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
    await db.query(
      `INSERT INTO offers (id, reference, employer_id, versant, title, category, nature, metier, domaine, departement, place,
         study_level, description, status, published_on, published_at, contract_months)
       SELECT gen_random_uuid(), reference, employer, versant, title, category, nature, metier, domaine, departement, place,
         'Niveau 4 (Bac)', description, status, day, day::timestamptz, months
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::text[], $13::date[], $14::int[])
         AS r(reference, employer, versant, title, category, nature, metier, domaine, departement, place, description, status,
           day, months)`,
      [
        col('reference'),
        col('employer'),
        col('versant'),
        col('title'),
        col('category'),
        col('nature'),
        col('metier'),
        col('domaine'),
        col('departement'),
        col('place'),
        col('description'),
        col('status'),
        col('day'),
        col('months'),
      ],
    );
  }
}

/** The searches people make: words, filters, both, sorted by date or relevance, first and later pages. */
const searches: readonly { criteria: SearchCriteria; sort: Sort; page: number }[] = [
  { criteria: {}, sort: 'date', page: 1 },
  { criteria: {}, sort: 'date', page: 5 },
  { criteria: { text: 'infirmier' }, sort: 'pertinence', page: 1 },
  { criteria: { text: 'infirmière' }, sort: 'date', page: 1 },
  { criteria: { text: 'gestionnaire ressources humaines' }, sort: 'pertinence', page: 1 },
  { criteria: { text: 'développeur', departement: '35' }, sort: 'pertinence', page: 1 },
  { criteria: { text: 'agent accueil' }, sort: 'pertinence', page: 2 },
  { criteria: { departement: '75' }, sort: 'date', page: 1 },
  { criteria: { versant: 'hospitaliere', category: 'A' }, sort: 'date', page: 1 },
  { criteria: { domaine: 'Santé', contract: 'duree_determinee' }, sort: 'date', page: 1 },
  { criteria: { metier: 'Comptable', nature: 'Contractuel' }, sort: 'date', page: 1 },
  { criteria: { text: 'administratif', versant: 'etat', departement: '13' }, sort: 'pertinence', page: 1 },
  { criteria: { text: 'bibliothèque' }, sort: 'pertinence', page: 1 },
  { criteria: { text: 'sécurité systèmes information' }, sort: 'pertinence', page: 1 },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * (f) Offer-search latency at `count` offers: the public search's two statements (a page and
 * its capped count) for a fixed mix of searches, one at a time after a warm-up; p50 and p99.
 */
export async function benchOfferSearch(
  opened: { db: Db; openOwner(): Promise<Db> },
  count: number,
  rounds = 30,
): Promise<{ p50: number; p99: number; slowest: string }> {
  const { db } = opened;
  await fillOffers(db, count);
  // What autovacuum would do after such a load; only the tables' owner may.
  const owner = await opened.openOwner();
  await owner.query('VACUUM ANALYZE offers');
  if (owner !== db) await owner.close();
  for (const search of searches) await searchPublished(db, search.criteria, search);
  const times: number[] = [];
  const bySearch = searches.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [index, search] of searches.entries()) {
      const started = performance.now();
      await searchPublished(db, search.criteria, search);
      const elapsed = performance.now() - started;
      times.push(elapsed);
      bySearch[index]!.push(elapsed);
    }
  }
  times.sort((a, b) => a - b);
  // The search whose median is the highest, to say where the time goes.
  const medians = bySearch.map((list) =>
    percentile(
      [...list].sort((a, b) => a - b),
      50,
    ),
  );
  const worst = medians.indexOf(Math.max(...medians));
  const slowest = `${JSON.stringify(searches[worst])} p50_ms=${medians[worst]?.toFixed(1)}`;
  return { p50: percentile(times, 50), p99: percentile(times, 99), slowest };
}
