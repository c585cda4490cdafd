import type { ExitOutcome, InterruptionReason, ReferralEventKind } from '../vault/index.js';

/*
 * The pure rules of the training organisations' side: which answer or declaration a referral
 * may take in each state, and when a declaration is due. No database, no clock: the callers
 * pass today's date.
 */

/** A referral's state (migration 0013 adds the organisation's answer: accepted or refused). */
export type ReferralStatus = 'referred' | 'accepted' | 'refused' | 'entered' | 'interrupted' | 'exited' | 'declined';

/**
 * Each declaration is due within three days of what it declares (décret n° 2019-1414 of
 * 19 December 2019 and France Travail's partner rules, as the issue states them).
 */
export const DECLARATION_DAYS = 3;

/** The most rows one page of a list may show: a page, never an export (issue 10). */
export const PAGE_CAP = 50;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The most people one page names (trainees, declarations due, the API's trainees), whatever
 * size is asked: the guard lets an OF account first read ten people a second (migration 0021),
 * so a page is always within that pace, and a script chaining pages is stopped at its second.
 */
export const PEOPLE_PAGE_CAP = 10;

/** What the organisation may do about a referral in each state. */
const allowed: Record<ReferralStatus, readonly (ReferralEventKind | 'answer')[]> = {
  referred: ['answer'],
  accepted: ['entry'],
  entered: ['attendance', 'interruption', 'exit'],
  refused: [],
  // Only after an interruption with postponement (`mayResume`).
  interrupted: ['resumption'],
  exited: [],
  declined: [],
};

/**
 * The referrals that hold one of a session's seats: accepted by the organisation, and in
 * training. A referral still waiting for its answer holds none, so an advisor may propose more
 * people than there are seats; the organisation cannot accept more than its capacity.
 */
export const seatHolders: readonly ReferralStatus[] = ['accepted', 'entered'];

export function mayAnswer(status: ReferralStatus): boolean {
  return allowed[status].includes('answer');
}

/**
 * Whether the organisation may declare `kind` now. A resumption follows only an interruption
 * « par l'organisme avec report »: the other reasons end the training.
 */
export function mayDeclare(
  status: ReferralStatus,
  kind: ReferralEventKind,
  lastInterruption: InterruptionReason | null = null,
): boolean {
  if (kind === 'resumption' && lastInterruption !== 'of_postponed') return false;
  return allowed[status].includes(kind);
}

/** The state a declaration moves a referral to. */
export function statusAfter(kind: ReferralEventKind): ReferralStatus {
  const after = {
    entry: 'entered',
    attendance: 'entered',
    interruption: 'interrupted',
    resumption: 'entered',
    exit: 'exited',
  } as const;
  return after[kind];
}

export const interruptionReasons: readonly InterruptionReason[] = [
  'abandonment',
  'of_postponed',
  'of_cancelled',
  'force_majeure',
];
export const exitOutcomes: readonly ExitOutcome[] = [
  'certified',
  'partially_certified',
  'not_certified',
  'completed',
  'employment',
];

/** Days from ISO day `a` to ISO day `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month of an ISO day. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** When a declaration of what happened on `day` is due (the end of a month, for attendance). */
export function dueOn(kind: ReferralEventKind, day: string): string {
  if (kind !== 'attendance') return addDays(day, DECLARATION_DAYS);
  const next = new Date(Date.parse(`${monthOf(day)}T00:00:00Z`));
  next.setUTCMonth(next.getUTCMonth() + 1);
  return addDays(next.toISOString().slice(0, 10), DECLARATION_DAYS - 1);
}

/** Whether a declaration made on `declaredOn` of an event on `day` came after its due date. */
export function isLate(kind: ReferralEventKind, day: string, declaredOn: string): boolean {
  return declaredOn > dueOn(kind, day);
}

/**
 * Why a declared date cannot be taken, in French, or null. An event cannot be in the future,
 * nor before the session could have started (a week's margin for an early start), nor after
 * its end (a month's margin for an exit declared on the last day of attendance).
 */
export function dateProblem(
  kind: ReferralEventKind,
  day: string,
  session: { startsOn: string; endsOn: string },
  today: string,
  enteredOn: string | null,
): string | null {
  if (day > today) return 'La date ne peut pas être dans le futur.';
  if (day < addDays(session.startsOn, -7)) return 'La date est antérieure au début de la session.';
  if (day > addDays(session.endsOn, 31)) return 'La date est postérieure à la fin de la session.';
  if (kind !== 'entry' && enteredOn && monthOf(day) < monthOf(enteredOn) && kind === 'attendance') {
    return 'Ce mois précède l’entrée en formation.';
  }
  if (kind !== 'entry' && kind !== 'attendance' && enteredOn && day < enteredOn) {
    return 'La date précède l’entrée en formation.';
  }
  return null;
}
