import type { DomainDeps } from '../domains.js';
import type { PrivacyItem, PrivacySection } from '../privacy/index.js';
import type { Actor } from '../vault/index.js';
import { languagesLine } from './candidates.presenter.js';
import { listOwnCvs } from './cvs.js';
import { viewSelf } from './candidates.purposes.js';
import { profileStateOf } from './candidates.repo.js';

/*
 * The candidate's part of « Mes données »: the profile, the career history and the list of CVs
 * (their content is downloaded from « Mes CV »), read through the door as the candidate, each
 * section asking only for the fields it shows (DESIGN promise 3; GDPR art. 5(1)(c)).
 */

/** The candidate's own person id; none for another actor, who has no candidate profile. */
const personOf = (actor: Actor) => (actor.kind === 'account' && actor.role === 'candidate' ? actor.personId : null);

async function profileItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  const personId = personOf(actor);
  if (!personId) return [];
  const state = await profileStateOf(deps.db, personId);
  if (!state.exists) return [];
  // Only what this section shows: identity has its own section, the career the next one.
  const fields = ['postsSought', 'categoriesSought', 'zones', 'languages', 'aspirations'] as const;
  const [own] = await deps.vault.read(actor, viewSelf, [personId], { fields });
  if (!own) return [];
  return [
    {
      postsSought: (own.postsSought ?? []).join(', '),
      categoriesSought: (own.categoriesSought ?? []).join(', '),
      regions: (own.zones?.regions ?? []).join(', '),
      departements: (own.zones?.departements ?? []).join(', '),
      languages: languagesLine(own.languages ?? []),
      aspirations: own.aspirations ?? '',
      inPool: state.inPool,
    },
  ];
}

async function careerItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  const personId = personOf(actor);
  if (!personId) return [];
  const [own] = await deps.vault.read(actor, viewSelf, [personId], { fields: ['career'] });
  return (own?.career ?? []).map((item) => ({
    title: item.title,
    employer: item.employer,
    from: item.from,
    to: item.to,
  }));
}

async function cvItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  return (await listOwnCvs(deps, actor)).map((cv) => ({
    fileName: cv.label,
    sizeBytes: cv.sizeBytes,
    uploadedAt: cv.uploadedAt.toISOString(),
  }));
}

export const candidateProfileSection: PrivacySection = {
  key: 'profil',
  title: 'Profil de candidat',
  roles: ['candidate'],
  labels: {
    postsSought: 'Types de poste recherchés',
    categoriesSought: 'Catégories recherchées',
    regions: 'Régions souhaitées',
    departements: 'Départements souhaités',
    languages: 'Langues (niveau CECRL)',
    aspirations: 'Projet professionnel',
    inPool: 'Dans le vivier de candidats',
  },
  collect: profileItems,
};

export const candidateCareerSection: PrivacySection = {
  key: 'parcours',
  title: 'Parcours professionnel',
  roles: ['candidate'],
  labels: { title: 'Poste', employer: 'Employeur', from: 'Début', to: 'Fin' },
  collect: careerItems,
};

export const candidateCvSection: PrivacySection = {
  key: 'cv',
  title: 'CV déposés',
  roles: ['candidate'],
  labels: { fileName: 'Fichier', sizeBytes: 'Taille (octets)', uploadedAt: 'Déposé le' },
  collect: cvItems,
};
