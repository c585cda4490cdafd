import { queryStringOf, type SearchCriteria } from '../criteria.js';
import { frenchDayOf } from '../dates.js';
import { categoryLabels, contractLabels, natureLabels, versantLabels } from '../offers.labels.js';
import type { SavedSearchRow } from './saved-searches.repo.js';

/** A saved search as its owner's list shows it. */
export interface SavedSearchView {
  id: string;
  label: string;
  href: string;
  summary: string;
  createdOn: string;
}

/** The criteria in French words: « « infirmier », Catégorie A, département 35 ». */
export function criteriaSummary(criteria: SearchCriteria): string {
  const parts = [
    criteria.text ? `« ${criteria.text} »` : null,
    criteria.versant ? versantLabels[criteria.versant] : null,
    criteria.category ? categoryLabels[criteria.category] : null,
    criteria.nature ? natureLabels[criteria.nature] : null,
    criteria.domaine ? `domaine ${criteria.domaine}` : null,
    criteria.metier ? `métier ${criteria.metier}` : null,
    criteria.departement ? `département ${criteria.departement}` : null,
    criteria.contract ? contractLabels[criteria.contract] : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(', ') : 'toutes les offres';
}

export function savedSearchView(row: SavedSearchRow): SavedSearchView {
  const query = queryStringOf(row.criteria);
  return {
    id: row.id,
    label: row.label,
    href: `/offres${query ? `?${query}` : ''}`,
    summary: criteriaSummary(row.criteria),
    createdOn: frenchDayOf(row.created_at),
  };
}
