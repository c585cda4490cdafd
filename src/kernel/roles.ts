/**
 * The roles of accounts, and how the interface names them. Citizens: candidate, job_seeker.
 * Staff and partners: the rest. In the kernel because every layer needs them (the vault's
 * scopes, the access declarations of routes, the pages, the mail templates).
 */
export const roles = [
  'candidate',
  'job_seeker',
  'recruiter',
  'recruiter_manager',
  'of_user',
  'of_manager',
  'advisor',
  'security_officer',
  'admin',
] as const;

export type Role = (typeof roles)[number];

/** The citizens' roles: they manage their own data and reach nobody else's. */
export const citizenRoles = ['candidate', 'job_seeker'] as const satisfies readonly Role[];

/** Whether a role is staff or a partner: every role but the citizens', which reaches other people's data. */
export function isStaffRole(role: Role): boolean {
  return !(citizenRoles as readonly Role[]).includes(role);
}

/** The staff and partner roles (every role but the citizens'). */
export const staffRoles: readonly Role[] = roles.filter(isStaffRole);

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

/** Whether a value is one of the roles (for input that names a role). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** The kind of account in a word or two, as the header says who is signed in (« Compte RGC »). */
export const roleShortLabels: Record<Role, string> = {
  candidate: 'candidat',
  job_seeker: 'demandeur d’emploi',
  recruiter: 'recruteur',
  recruiter_manager: 'gestionnaire de recrutement',
  of_user: 'organisme de formation',
  of_manager: 'RGC',
  advisor: 'conseiller',
  security_officer: 'sécurité',
  admin: 'administrateur',
};
