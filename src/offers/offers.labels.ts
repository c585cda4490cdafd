/*
 * The words of Choisir le service public's open data, as people read them. Codes are what the
 * database stores; labels are what every page, mail and import report shows.
 */

export const versants = ['etat', 'territoriale', 'hospitaliere'] as const;
export type Versant = (typeof versants)[number];
export const versantLabels: Record<Versant, string> = {
  etat: 'Fonction publique de l’État',
  territoriale: 'Fonction publique territoriale',
  hospitaliere: 'Fonction publique hospitalière',
};

export const categories = ['A+', 'A', 'B', 'C', 'hors_categorie'] as const;
export type Category = (typeof categories)[number];
export const categoryLabels: Record<Category, string> = {
  'A+': 'Catégorie A+',
  A: 'Catégorie A',
  B: 'Catégorie B',
  C: 'Catégorie C',
  hors_categorie: 'Hors catégorie',
};

/** « Nature de l’emploi » in the open data. */
export const natures = ['Titulaire', 'Titulaire ou contractuel', 'Contractuel'] as const;
export type Nature = (typeof natures)[number];
export const natureLabels: Record<Nature, string> = {
  Titulaire: 'Ouvert aux titulaires',
  'Titulaire ou contractuel': 'Ouvert aux titulaires et aux contractuels',
  Contractuel: 'Ouvert aux contractuels',
};

/** A permanent post, or one filled by a contract of a set length (`contract_months`). */
export const contracts = ['permanent', 'duree_determinee'] as const;
export type Contract = (typeof contracts)[number];
export const contractLabels: Record<Contract, string> = {
  permanent: 'Emploi permanent',
  duree_determinee: 'Contrat à durée déterminée',
};

export const statuses = ['draft', 'published', 'closed', 'archived'] as const;
export type OfferStatus = (typeof statuses)[number];
export const statusLabels: Record<OfferStatus, string> = {
  draft: 'Brouillon',
  published: 'Publiée',
  closed: 'Clôturée',
  archived: 'Archivée',
};

export const vacancyKinds = ['vacance', 'creation'] as const;
export type VacancyKind = (typeof vacancyKinds)[number];
export const vacancyKindLabels: Record<VacancyKind, string> = {
  vacance: 'Vacance d’un emploi existant',
  creation: 'Création d’emploi',
};

/** The sorts of the public search. */
export const sorts = ['date', 'pertinence'] as const;
export type Sort = (typeof sorts)[number];
