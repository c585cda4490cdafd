import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { accountOf, type RecruitingDeps } from './deps.js';
import type { PoolHandles } from './pool-handle.js';
import { openPoolProfile, searchPool } from './recruiting.purposes.js';

/*
 * The candidate pool, for recruiter managers: a faceted search over opted-in profiles that
 * returns capped, pseudonymous summaries, and the opening of one profile as a read of its own,
 * logged and charged to the read budget. Never a list without a criterion, never an export.
 */

/** What a manager searches by; at least one criterion. */
export interface PoolCriteria {
  poste?: string;
  region?: string;
  departement?: string;
  langue?: { code: string; level: string };
  categorie?: 'A' | 'B' | 'C';
}

/** The groups of facet tokens (src/vault/facets.ts) the criteria stand for: every group must match. */
export function facetGroups(criteria: PoolCriteria): string[][] {
  const groups: string[][] = [];
  if (criteria.poste) groups.push([`poste:${criteria.poste}`]);
  if (criteria.region) groups.push([`region:${criteria.region}`]);
  if (criteria.departement) groups.push([`departement:${criteria.departement}`]);
  if (criteria.langue) groups.push([`langue:${criteria.langue.code}:${criteria.langue.level}`]);
  if (criteria.categorie) groups.push([`categorie:${criteria.categorie}`]);
  return groups;
}

/** One result: what the profile seeks, never who it is. `handle` opens it (pool-handle.ts). */
export interface PoolSummary {
  handle: string;
  postsSought: string[];
  regions: string[];
  departements: string[];
  languages: { code: string; level: string }[];
}

/**
 * Searches the pool, one page of summaries at a time (each page its own logged search, up to
 * the vault's MAX_SEARCH_PAGES); refuses a search without any criterion.
 */
export async function searchPoolProfiles(
  deps: RecruitingDeps & { handles: PoolHandles },
  actor: Actor,
  criteria: PoolCriteria,
  page = 1,
): Promise<{ summaries: PoolSummary[]; breadth: number; capped: boolean; page: number; pages: number; first: number }> {
  const groups = facetGroups(criteria);
  if (groups.length === 0) throw new AppError('VALIDATION_FAILED', 'pool search without criteria');
  const result = await deps.vault.search(actor, searchPool, { facets: groups }, { page });
  const account = accountOf(actor);
  return {
    summaries: result.records.map((record) => ({
      handle: deps.handles.mint(account, record.id),
      postsSought: record.postsSought ?? [],
      regions: record.zones?.regions ?? [],
      departements: record.zones?.departements ?? [],
      languages: record.languages ?? [],
    })),
    breadth: result.breadth,
    capped: result.breadth > result.pages * searchPool.pageCap,
    page,
    pages: result.pages,
    // The rank of the page's first summary, so that labels run on from one page to the next.
    first: (page - 1) * searchPool.pageCap,
  };
}

/** Opens one pool profile from its handle: a logged read; NOT_FOUND for a bad handle or a profile out of the pool. */
export async function openProfile(deps: RecruitingDeps & { handles: PoolHandles }, actor: Actor, handle: string) {
  const personId = deps.handles.open(accountOf(actor), handle);
  if (!personId) throw new AppError('NOT_FOUND', 'pool handle');
  const [profile] = await deps.vault.read(actor, openPoolProfile, [personId]);
  if (!profile) throw new AppError('NOT_FOUND', 'pool profile');
  return profile;
}
