import type { Random } from '../../kernel/random.js';
import { seedActor } from '../actor.js';
import { departementByCode } from '../geography.js';
import { newProfile } from '../profile.js';
import { seedProfiles } from '../seed.purposes.js';
import { plantSpace, type CanaryDeps, type PlantOptions, type SpaceReport } from './plant.js';

/*
 * The candidate pool (Choisir le service public, 2026: one manager's account read 377,418
 * profiles). A pool search keeps the profiles that have a facet of every criterion
 * (src/recruiting/pool.ts, src/vault/facets.ts). Each canary profile here is opted in and has
 * one facet only: a language at its lowest level. So it answers only a search made of that
 * language alone, with no zone, post, category or higher level beside it, which selects most
 * of the pool (English: about three profiles in four): the « select everyone » search of the
 * scraper, which the guard also counts as too broad. A manager who looks for someone names a
 * zone, a post or a level, and never meets it.
 *
 * Results come a page at a time in the order of the profiles' ids, and a scraper starts at the
 * first page: each canary's id is drawn among the first 2^-24 of the id space, so it stands on
 * that first page at any size of pool. Pool results carry opaque handles, never ids.
 */

/** The languages whose search alone selects a large share of the pool: those most profiles list. */
export const BROAD_LANGUAGES = ['en', 'es'] as const;

/** A version-4 id whose first 24 bits are zero: it sorts before nearly every other. */
export function leadingId(random: Random): string {
  const bytes = random.bytes(16);
  bytes[0] = 0;
  bytes[1] = 0;
  bytes[2] = 0;
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function plantPool(deps: CanaryDeps, options: PlantOptions): Promise<SpaceReport> {
  return plantSpace(deps, options, {
    space: 'pool',
    kind: 'candidate',
    holders: BROAD_LANGUAGES.length,
    eligible: BROAD_LANGUAGES.map((code) => ({ holder: code })),
    id: () => leadingId(deps.random),
    place: async ({ holder: code }, { tx, person, rng, today }) => {
      // A career and aspirations like anyone's; the facets are the language alone.
      const drawn = newProfile(rng, person.id, departementByCode(person.address!.departement), today);
      const profile = {
        id: person.id,
        career: drawn.career,
        aspirations: drawn.aspirations,
        postsSought: [],
        zones: { regions: [], departements: [] },
        languages: [{ code, level: 'A1' as const }],
        poolOptIn: true,
      };
      await deps.vault.write(seedActor, seedProfiles, [profile], tx);
    },
  });
}
