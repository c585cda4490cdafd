/*
 * « Mes accès » in the person's words: why their data was read (the purpose a domain declared)
 * and which fields. A purpose this list does not know is named by its domain, then by its code.
 */

const purposes: Record<string, string> = {
  'recruiting.application': 'Examen de votre candidature par l’employeur',
  'recruiting.pool_search': 'Recherche dans le vivier de candidats',
  'recruiting.pool': 'Consultation de votre profil dans le vivier de candidats',
  'mail.deliver': 'Envoi d’un courriel',
  'self.view': 'Consultation de votre propre profil',
};

const domains: Record<string, string> = {
  recruiting: 'Recrutement',
  training: 'Suivi de votre formation par l’organisme de formation',
  advising: 'Accompagnement par France Travail',
  mail: 'Envoi d’un courriel',
  seed: 'Création des données de démonstration',
  account: 'Gestion de votre compte',
  security: 'Sécurité de la plateforme',
  breach: 'Traitement d’un incident de sécurité',
  candidates: 'Votre espace candidat',
  privacy: 'Mes données',
};

export function purposeLabel(purpose: string): string {
  return purposes[purpose] ?? domains[purpose.split('.')[0] ?? ''] ?? `Traitement « ${purpose} »`;
}

const fields: Record<string, string> = {
  lastName: 'nom',
  firstName: 'prénom',
  birthDate: 'date de naissance',
  address: 'adresse postale',
  email: 'adresse électronique',
  phone: 'téléphone',
  franceTravailId: 'identifiant France Travail',
  registrationStatus: 'situation d’inscription',
  career: 'parcours professionnel',
  postsSought: 'postes recherchés',
  categoriesSought: 'catégories recherchées',
  zones: 'zones souhaitées',
  languages: 'langues',
  aspirations: 'projet professionnel',
  message: 'message de candidature',
  detail: 'détail d’une déclaration',
  displayName: 'nom affiché',
  fileName: 'nom du CV',
  content: 'contenu du CV',
  note: 'note d’orientation',
};

export function fieldLabel(field: string): string {
  return fields[field] ?? field;
}
