import { describe, expect, it } from 'vitest';
import { profileFacets } from '../vault/index.js';

describe('the categories sought are pool facets', () => {
  it('adds one categorie: token per category, and none when none is sought', () => {
    const profile = { zones: { regions: [], departements: ['35'] }, languages: [], postsSought: [] };
    expect(profileFacets({ ...profile, categoriesSought: ['A', 'C'] })).toEqual([
      'departement:35',
      'categorie:A',
      'categorie:C',
    ]);
    expect(profileFacets(profile)).toEqual(['departement:35']);
  });
});
