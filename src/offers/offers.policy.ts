import type { Role } from '../kernel/roles.js';
import type { OfferStatus } from './offers.labels.js';

/*
 * Small pure rules of the offers' lifecycle. The SQL applies the same rules again (a transition
 * names the statuses it leaves from), so a race between two recruiters cannot skip a step.
 */

/** The roles that manage their employer's offers. */
export const RECRUITERS: readonly Role[] = ['recruiter', 'recruiter_manager'];

/** An offer's moves: draft → published → closed → archived (a draft may also be dropped to the archive). */
export const transitions = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  archive: { from: ['draft', 'closed'], to: 'archived' },
} as const satisfies Record<string, { from: readonly OfferStatus[]; to: OfferStatus }>;
export type Transition = keyof typeof transitions;

/** Whether an offer in this status may take this move. */
export function mayMove(status: OfferStatus, move: Transition): boolean {
  return (transitions[move].from as readonly OfferStatus[]).includes(status);
}

/** Whether an offer in this status may still be edited: a closed or archived one is a record. */
export function mayEdit(status: OfferStatus): boolean {
  return status === 'draft' || status === 'published';
}

/** The fields décret n° 2018-1351 art. 3 requires, as the offer form names them. */
export interface Article3Fields {
  title: string;
  grades: string;
  recruitingAuthority: string;
  description: string;
  profile: string;
  vacantFrom: string | null;
  applyTo: string;
}

/** The French names of the art. 3 fields, for « il manque : … ». */
export const article3Labels: Record<keyof Article3Fields, string> = {
  title: 'l’intitulé du poste',
  grades: 'le corps, le cadre d’emplois ou le grade attendus',
  recruitingAuthority: 'l’autorité de recrutement',
  description: 'les missions',
  profile: 'le profil attendu',
  vacantFrom: 'la date de vacance de l’emploi',
  applyTo: 'à qui adresser les candidatures',
};

/**
 * What an offer still lacks of art. 3 before it may be published (the versant, the category,
 * the employer, the métier, the place and the creation-or-vacancy come with every draft; the
 * deadline for applications, when left empty, is the end of the publication).
 */
export function missingForPublication(offer: Article3Fields): (keyof Article3Fields)[] {
  return (Object.keys(article3Labels) as (keyof Article3Fields)[]).filter((field) => {
    const value = offer[field];
    return value === null || value.trim() === '';
  });
}

/** The day one month after `day` (both ISO dates), the last day of a shorter month if needed. */
export function oneMonthAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastOfNext = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const next = new Date(Date.UTC(year, month, Math.min(date, lastOfNext)));
  return next.toISOString().slice(0, 10);
}

/**
 * Décret n° 2018-1351 art. 4: a permanent post is advertised for at least one month before it is
 * filled. Publishing one until an earlier date is allowed (the derogations of art. 4 exist) but
 * the recruiter is warned first.
 */
export function shortPublication(input: { permanent: boolean; from: string; until: string }): boolean {
  return input.permanent && input.until < oneMonthAfter(input.from);
}
