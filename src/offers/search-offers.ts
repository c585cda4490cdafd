import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { criteriaOf, sortOf, type SearchCriteria, type SearchQuery } from './criteria.js';
import type { Sort } from './offers.labels.js';
import { facetValues, PAGE_SIZE, searchPublished, type OfferSummaryRow } from './offers.repo.js';

/** The choices of the filters, read again at most once a minute (they change with publications). */
export type Facets = Awaited<ReturnType<typeof facetValues>>;
const FACETS_TTL_MS = 60_000;
const facetCache = new WeakMap<Db, { at: number; facets: Facets }>();

async function facetsOf(db: Db, clock: Clock): Promise<Facets> {
  const now = clock.now().getTime();
  const cached = facetCache.get(db);
  if (cached && now - cached.at < FACETS_TTL_MS) return cached.facets;
  const facets = await facetValues(db);
  facetCache.set(db, { at: now, facets });
  return facets;
}

/** A page of the public search: what was asked, what matched, and the filters' choices. */
export interface SearchResult {
  criteria: SearchCriteria;
  sort: Sort;
  page: number;
  pages: number;
  total: number;
  rows: OfferSummaryRow[];
  facets: Facets;
}

/** Searches published offers: anyone may, signed in or not (issue 9, « Everyone »). */
export async function searchOffers(deps: { db: Db; clock: Clock }, query: SearchQuery): Promise<SearchResult> {
  const criteria = criteriaOf(query);
  const sort = sortOf(query);
  const page = query.page ?? 1;
  const [found, facets] = await Promise.all([
    searchPublished(deps.db, criteria, { sort, page }),
    facetsOf(deps.db, deps.clock),
  ]);
  return {
    criteria,
    sort,
    page,
    pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    total: found.total,
    rows: found.rows,
    facets,
  };
}
