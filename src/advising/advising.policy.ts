/*
 * Small pure rules of the advisors' back office and the job seeker's space: page sizes, and the
 * French words for the statuses of a referral and the kinds of a declaration.
 */

/** Rows a list page shows: within the read purposes' page caps (advising.portfolio: 50). */
export const PAGE_SIZE = 20;

/** The last page a list may be asked for: deep offsets are a scan, never a need. */
export const MAX_PAGE = 500;

/** Sessions offered on one page of the referral form. */
export const SESSIONS_PER_PAGE = 10;

/** The longest note an advisor may write for the training organisation. */
export const NOTE_MAX = 1000;

/**
 * The statuses of a referral as the person reads them. Kairos's organisations accept or refuse
 * a referral (issue 10); unknown statuses (a later migration) still read as French.
 */
const statusLabels: Readonly<Record<string, string>> = {
  referred: 'Orientation envoyée',
  accepted: 'Acceptée par l’organisme',
  refused: 'Refusée par l’organisme',
  declined: 'Refusée par l’organisme',
  entered: 'En formation',
  interrupted: 'Formation interrompue',
  exited: 'Formation terminée',
};

export function statusLabel(status: string): string {
  return statusLabels[status] ?? 'Statut en cours de mise à jour';
}

/** The statuses an advisor may filter the follow-up list by, in the order of a training. */
export const followStatuses = ['referred', 'entered', 'interrupted', 'exited', 'declined'] as const;

/** Whether a status ends the referral well, badly, or is still under way (for its badge). */
export function statusTone(status: string): 'info' | 'success' | 'warning' | 'error' | 'new' {
  if (status === 'entered' || status === 'accepted') return 'success';
  if (status === 'exited') return 'info';
  if (status === 'interrupted') return 'warning';
  if (status === 'declined' || status === 'refused') return 'error';
  return 'new';
}

const eventLabels: Readonly<Record<string, string>> = {
  entry: 'Entrée en formation',
  attendance: 'Attestation de présence',
  interruption: 'Interruption',
  resumption: 'Reprise de la formation',
  exit: 'Sortie de formation',
};

/** A training organisation's declaration, in words. */
export function eventLabel(kind: string): string {
  return eventLabels[kind] ?? 'Déclaration';
}

const registration: Readonly<Record<string, string>> = { inscrit: 'Inscrit', radie: 'Radié' };

/** The registration status at France Travail, in words. */
export function registrationLabel(status: string | null): string {
  return status ? (registration[status] ?? 'Non renseigné') : 'Non renseigné';
}

/** The offset of a page in a list of `size` rows per page. */
export function offsetOf(page: number, size = PAGE_SIZE): number {
  return (page - 1) * size;
}

/** How many pages `total` rows make (one at least, so an empty list has its page). */
export function pagesOf(total: number, size = PAGE_SIZE): number {
  return Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / size)));
}
