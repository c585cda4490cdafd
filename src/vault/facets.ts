import type { CategorySought, DesiredZones, LanguageSkill } from './types.js';

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

/**
 * The searchable facets of a profile: its regions and départements, each language at every
 * level up to the one reached (a B2 speaker matches a search for B1), the posts sought and the
 * categories sought (A, B, C).
 * Stored only as blind-index tokens (profile_facets), so the pool is searched without
 * decrypting or exposing a profile.
 */
export function profileFacets(profile: {
  zones: DesiredZones;
  languages: LanguageSkill[];
  postsSought: string[];
  categoriesSought?: readonly CategorySought[];
}) {
  return [
    ...profile.zones.regions.map((region) => `region:${region}`),
    ...profile.zones.departements.map((code) => `departement:${code}`),
    ...profile.languages.flatMap((language) =>
      LEVELS.slice(0, LEVELS.indexOf(language.level) + 1).map((level) => `langue:${language.code}:${level}`),
    ),
    ...profile.postsSought.map((post) => `poste:${post}`),
    ...(profile.categoriesSought ?? []).map((category) => `categorie:${category}`),
  ];
}
