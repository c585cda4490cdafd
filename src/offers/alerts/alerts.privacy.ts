import { AppError } from '../../kernel/errors.js';
import type { PrivacySection } from '../../privacy/section.js';
import { criteriaSummary } from './saved-searches.presenter.js';
import { listSavedSearches } from './saved-searches.repo.js';

/**
 * A candidate's saved searches in « Mes données » (GDPR art. 15 and 20): what they look for is
 * theirs. Read by the account's own id only; they go with the account (ON DELETE CASCADE).
 */
export const savedSearchesSection: PrivacySection = {
  key: 'alertes',
  title: 'Mes alertes d’offres',
  roles: ['candidate'],
  labels: { nom: 'Nom', criteres: 'Critères', creeeLe: 'Créée le' },
  async collect(deps, actor) {
    if (actor.kind !== 'account') throw new AppError('FORBIDDEN', 'alerts: not an account');
    const searches = await listSavedSearches(deps.db, actor.accountId);
    return searches.map((search) => ({
      nom: search.label,
      criteres: criteriaSummary(search.criteria),
      creeeLe: search.created_at.toISOString(),
    }));
  },
};
