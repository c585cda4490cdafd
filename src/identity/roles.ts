import type { Role } from '../vault/types.js';

/** Each role in French, as it reads inside a sentence (« vous êtes connecté en tant que … »). */
export const roleLabels: Record<Role, string> = {
  candidate: 'candidat',
  job_seeker: 'demandeur d’emploi',
  recruiter: 'recruteur',
  recruiter_manager: 'gestionnaire de recrutement',
  of_user: 'utilisateur d’organisme de formation',
  of_manager: 'responsable des comptes de l’organisme de formation',
  advisor: 'conseiller France Travail',
  security_officer: 'responsable de la sécurité',
  admin: 'administrateur de la plateforme',
};

/** « en tant que » before the label, elided before a vowel (« en tant qu’administrateur »). */
export function asRole(role: Role): string {
  const label = roleLabels[role];
  return /^[aeiouyéèêh]/i.test(label) ? `en tant qu’${label}` : `en tant que ${label}`;
}

/** The same label at the start of a line or a heading. */
export function roleTitle(role: Role): string {
  const label = roleLabels[role];
  return label.charAt(0).toUpperCase() + label.slice(1);
}
