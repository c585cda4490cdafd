import type { DomainDeps } from '../domains.js';
import type { PrivacyItem, PrivacySection } from '../privacy/index.js';
import type { Actor } from '../vault/index.js';
import { languagesLine } from './candidates.presenter.js';
import { listOwnCvs } from './cvs.js';
import { readOwnProfile } from './profile.js';

/*
 * The candidate's part of « Mes données »: the profile, the career history and the list of CVs
 * (their content is downloaded from « Mes CV »), read through the door as the candidate.
 */

async function profileItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  const { wishes, inPool, started } = await readOwnProfile(deps, actor);
  if (!started) return [];
  return [
    {
      postsSought: wishes.postsSought.join(', '),
      categoriesSought: wishes.categoriesSought.join(', '),
      regions: wishes.zones.regions.join(', '),
      departements: wishes.zones.departements.join(', '),
      languages: languagesLine(wishes.languages),
      aspirations: wishes.aspirations,
      inPool,
    },
  ];
}

async function careerItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  const { wishes } = await readOwnProfile(deps, actor);
  return wishes.career.map((item) => ({ title: item.title, employer: item.employer, from: item.from, to: item.to }));
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
