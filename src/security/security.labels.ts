import { signalKinds, signalLabels, type SignalKind } from '../guard/signals.js';

/*
 * The words of the console: every code the guard, the journal and the access log store is read
 * here in French. A code without a label is shown as it is, marked as such, rather than hidden:
 * an officer must see every alert, even one raised by a part of the platform newer than this
 * list.
 */

const alertKinds: Record<string, string> = {
  'guard.canary_read': 'Consultation d’une personne leurre',
  'guard.suspended': 'Compte suspendu par la surveillance des consultations',
  'guard.step_up': 'Vérification d’identité demandée par la surveillance',
  'audit.chain_broken': 'Journal des accès : chaîne rompue',
  'audit.checkpoints_missing': 'Journal des accès : points de contrôle manquants',
};

export function alertKindLabel(kind: string): string {
  return alertKinds[kind] ?? `Alerte « ${kind} »`;
}

export function signalLabel(kind: string): string {
  return (signalKinds as readonly string[]).includes(kind) ? signalLabels[kind as SignalKind] : `Signal « ${kind} »`;
}

/** The keys of an alert's detail or a signal's evidence, in French. */
const evidenceKeys: Record<string, string> = {
  compte: 'Compte',
  role: 'Rôle',
  finalite: 'Finalité',
  canaris: 'Personnes leurres consultées',
  signaux: 'Signaux récents',
  demandes: 'Demandes',
  hors_perimetre: 'Demandées hors périmètre',
  etendue: 'Personnes correspondant à la recherche',
  seuil: 'Seuil',
  heure: 'Heure (France)',
  classe: 'Type de consultation',
  fenetre: 'Personnes sur 10 minutes',
  plafond_fenetre: 'Plafond sur 10 minutes',
  jour: 'Personnes dans la journée',
  plafond_jour: 'Plafond de la journée',
  personnes: 'Personnes nouvelles dans l’intervalle',
  plafond: 'Plafond',
  secondes: 'Intervalle (secondes)',
  raison: 'Raison',
};

export function evidenceKeyLabel(key: string): string {
  return evidenceKeys[key] ?? key;
}

export const classLabels: Record<string, string> = {
  file: 'Dossiers ouverts un à un',
  list: 'Listes et recherches',
};

const outcomes: Record<string, string> = {
  allow: 'Autorisée',
  step_up: 'Vérification demandée',
  deny: 'Refusée',
  suspend: 'Refusée, compte suspendu',
  closed: 'Refusée, coupe-circuit',
};

export function outcomeLabel(outcome: string): string {
  return outcomes[outcome] ?? outcome;
}

const actions: Record<string, string> = {
  read: 'Consultation',
  search: 'Recherche',
  create: 'Création',
  update: 'Modification',
  erase: 'Effacement',
};

/** An entry's action: a read, a search… or an event of the security journal (`auth.*`). */
export function actionLabel(action: string): string {
  if (actions[action]) return actions[action];
  return action.startsWith('auth.') ? `Journal de sécurité (${action.slice(5)})` : action;
}

export const suspensionLevelLabels: Record<string, string> = {
  platform: 'Plateforme',
  organisation: 'Organisme',
};

export const switchLevelLabels = {
  account: 'Un compte',
  organisation: 'Un organisme entier',
  surface: 'Un service entier',
} as const;

const endReasons: Record<string, string> = {
  logout: 'Déconnexion',
  rotated: 'Renouvelée sous un nouvel identifiant',
  suspension: 'Suspension du compte',
  kill_switch: 'Coupe-circuit',
  password_changed: 'Mot de passe changé',
  mfa_changed: 'Vérification en deux étapes modifiée',
  ended_by_user: 'Fermée par le titulaire',
  address_sealed: 'Fermée par une mise à jour de sécurité',
};

export function endReasonLabel(reason: string | null): string {
  return reason ? (endReasons[reason] ?? 'Fermée') : 'Fermée';
}

const statuses: Record<string, string> = {
  active: 'Actif',
  pending: 'En attente d’approbation',
  suspended: 'Suspendu',
};

export function accountStatusLabel(status: string): string {
  return statuses[status] ?? status;
}
