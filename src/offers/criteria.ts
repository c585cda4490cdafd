import { z } from 'zod';
import {
  categories,
  contracts,
  natures,
  sorts,
  versants,
  type Category,
  type Contract,
  type Nature,
  type Sort,
  type Versant,
} from './offers.labels.js';

/** What a person looks for among published offers: the words and the filters of /offres. */
export interface SearchCriteria {
  /** Words, as typed: websearch syntax (« "mots exacts" », « -exclu », « ou »). */
  text?: string;
  versant?: Versant;
  category?: Category;
  nature?: Nature;
  domaine?: string;
  metier?: string;
  departement?: string;
  contract?: Contract;
}

// A select's empty choice arrives as an empty value: it means « any ».
const blankIsAny = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Département codes: metropolitan, Corsica, overseas. */
const departementCode = z.string().regex(/^(\d{2}|2A|2B|97\d)$/, { error: 'Choisissez un département de la liste.' });

/** The query string of /offres (and of a saved search's link), in the words of the URL. */
export const searchQuery = z.strictObject({
  q: blankIsAny(z.string().trim().max(200, { error: '200 caractères au plus.' })),
  versant: blankIsAny(z.enum(versants)),
  categorie: blankIsAny(z.enum(categories)),
  nature: blankIsAny(z.enum(natures)),
  domaine: blankIsAny(z.string().trim().max(120)),
  metier: blankIsAny(z.string().trim().max(120)),
  departement: blankIsAny(departementCode),
  contrat: blankIsAny(z.enum(contracts)),
  tri: blankIsAny(z.enum(sorts)),
  page: blankIsAny(z.coerce.number().int().min(1).max(500)),
});
export type SearchQuery = z.output<typeof searchQuery>;

/** The criteria a query string names (an empty word list is no criterion). */
export function criteriaOf(query: SearchQuery): SearchCriteria {
  const criteria: SearchCriteria = {
    text: query.q || undefined,
    versant: query.versant,
    category: query.categorie,
    nature: query.nature,
    domaine: query.domaine || undefined,
    metier: query.metier || undefined,
    departement: query.departement,
    contract: query.contrat,
  };
  return Object.fromEntries(Object.entries(criteria).filter(([, value]) => value !== undefined)) as SearchCriteria;
}

/** The sort a query asks for: relevance only makes sense with words. */
export function sortOf(query: SearchQuery): Sort {
  return query.tri ?? (query.q ? 'pertinence' : 'date');
}

/** The query string for criteria (and a sort and a page), as /offres reads it back. */
export function queryStringOf(criteria: SearchCriteria, extra: { tri?: Sort; page?: number } = {}): string {
  const params = new URLSearchParams();
  const pairs: [string, string | undefined][] = [
    ['q', criteria.text],
    ['versant', criteria.versant],
    ['categorie', criteria.category],
    ['nature', criteria.nature],
    ['domaine', criteria.domaine],
    ['metier', criteria.metier],
    ['departement', criteria.departement],
    ['contrat', criteria.contract],
    ['tri', extra.tri],
    ['page', extra.page && extra.page > 1 ? String(extra.page) : undefined],
  ];
  for (const [name, value] of pairs) if (value) params.set(name, value);
  return params.toString();
}

/** Saved criteria read back from the database, checked again: what was stored may be old. */
export const storedCriteria = z.strictObject({
  text: z.string().max(200).optional(),
  versant: z.enum(versants).optional(),
  category: z.enum(categories).optional(),
  nature: z.enum(natures).optional(),
  domaine: z.string().max(120).optional(),
  metier: z.string().max(120).optional(),
  departement: departementCode.optional(),
  contract: z.enum(contracts).optional(),
});
