import { z } from 'zod';
import type { ApplicationStatus, CareerItem, LanguageSkill } from '../vault/index.js';
import type { PoolSummary } from './pool.js';
import {
  applicationStatuses,
  reasonLabel,
  refusalReasonCodes,
  statusLabels,
  type RefusalReason,
} from './recruiting.policy.js';
import type { ApplicationRow } from './recruiting.repo.js';
import { languageNames } from './referential.js';
import type { HistoryItem } from './history.js';
import type { ReviewDetail, ReviewItem } from './review.js';

/*
 * Every field that leaves the recruiting domain, named one by one: page views and API bodies
 * copy what they list and nothing else (STYLE.md, presenters).
 */

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const dayTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** A date as a person reads it, in Paris time. */
export const frenchDay = (date: Date) => day.format(date);
const frenchDayTime = (date: Date) => dayTime.format(date);

/** The status as a badge: its words and its colour. */
export interface StatusView {
  code: ApplicationStatus;
  label: string;
  reason: string | null;
}

const statusView = (status: ApplicationStatus, reason: string | null): StatusView => ({
  code: status,
  label: statusLabels[status],
  reason: reasonLabel(reason),
});

const fullName = (name: { lastName: string | null; firstName: string | null } | null) =>
  name && (name.firstName || name.lastName) ? `${name.firstName ?? ''} ${name.lastName ?? ''}`.trim() : 'Candidature';

/** One row of the recruiter's list. */
export interface ReviewRowView {
  id: string;
  applicant: string;
  offer: string;
  reference: string;
  status: StatusView;
  submittedOn: string;
}

export function reviewRowView(item: ReviewItem): ReviewRowView {
  return {
    id: item.row.id,
    applicant: fullName(item.name),
    offer: item.row.title,
    reference: item.row.reference,
    status: statusView(item.row.status, item.row.refusal_reason),
    submittedOn: frenchDay(item.row.submitted_at),
  };
}

/** One entry of a history as either side reads it; the author is a side, never a name. */
export interface HistoryView {
  when: string;
  what: string;
  body: string | null;
}

function historyView(item: HistoryItem, reader: 'recruiter' | 'candidate'): HistoryView {
  const { event } = item;
  if (event.kind === 'message') {
    return { when: frenchDayTime(event.created_at), what: 'Message du recruteur', body: item.body };
  }
  const status = statusLabels[event.status!];
  const reason = reasonLabel(event.refusal_reason);
  // Only the candidate withdraws; every other status is the recruiter's.
  const by = event.status === 'withdrawn' ? (reader === 'candidate' ? 'vous' : 'la personne') : 'le recruteur';
  return {
    when: frenchDayTime(event.created_at),
    what: `Statut « ${status} », par ${by}${reason ? ` : ${reason}` : ''}`,
    body: null,
  };
}

const careerLine = (item: CareerItem) => `${item.title}, ${item.employer} (${item.from} – ${item.to ?? 'aujourd’hui'})`;
const languageLine = (language: LanguageSkill) =>
  `${languageNames[language.code] ?? language.code} (${language.level})`;

/** One application as the recruiter handles it. */
export interface ReviewDetailView extends ReviewRowView {
  career: string[];
  languages: string[];
  message: string | null;
  history: HistoryView[];
  withdrawn: boolean;
  hasCv: boolean;
}

export function reviewDetailView(detail: ReviewDetail): ReviewDetailView {
  return {
    ...reviewRowView({ row: detail.row, name: detail.applicant }),
    career: (detail.applicant?.career ?? []).map(careerLine),
    languages: (detail.applicant?.languages ?? []).map(languageLine),
    message: detail.message,
    history: detail.history.map((item) => historyView(item, 'recruiter')),
    withdrawn: detail.row.status === 'withdrawn',
    hasCv: detail.row.cv_id !== null,
  };
}

/** One row of the candidate's own list. */
export interface OwnRowView {
  id: string;
  offer: string;
  reference: string;
  employer: string;
  status: StatusView;
  submittedOn: string;
}

export function ownRowView(row: ApplicationRow): OwnRowView {
  return {
    id: row.id,
    offer: row.title,
    reference: row.reference,
    employer: row.employer,
    status: statusView(row.status, row.refusal_reason),
    submittedOn: frenchDay(row.submitted_at),
  };
}

export interface OwnDetailView extends OwnRowView {
  message: string | null;
  history: HistoryView[];
  canWithdraw: boolean;
}

export function ownDetailView(
  detail: { row: ApplicationRow; message: string | null; history: HistoryItem[] },
  canWithdraw: boolean,
): OwnDetailView {
  return {
    ...ownRowView(detail.row),
    message: detail.message,
    history: detail.history.map((item) => historyView(item, 'candidate')),
    canWithdraw,
  };
}

/** A pool result as the page shows it: a number, what is sought, and the handle that opens it. */
export interface PoolSummaryView {
  label: string;
  handle: string;
  posts: string[];
  zones: string[];
  languages: string[];
}

export function poolSummaryView(summary: PoolSummary, index: number): PoolSummaryView {
  return {
    label: `Profil ${index + 1}`,
    handle: summary.handle,
    posts: summary.postsSought,
    zones: [...summary.regions, ...summary.departements.map((code) => `département ${code}`)],
    languages: summary.languages.map((language) => languageLine(language as LanguageSkill)),
  };
}

/** An opened pool profile: a name, a career and what is sought; never a contact. */
export interface PoolProfileView {
  name: string;
  career: string[];
  posts: string[];
  zones: string[];
  languages: string[];
  aspirations: string | null;
}

export function poolProfileView(profile: {
  lastName: string | null;
  firstName: string | null;
  career: CareerItem[] | null;
  postsSought: string[] | null;
  zones: { regions: string[]; departements: string[] } | null;
  languages: LanguageSkill[] | null;
  aspirations: string | null;
}): PoolProfileView {
  return {
    name: fullName(profile),
    career: (profile.career ?? []).map(careerLine),
    posts: profile.postsSought ?? [],
    zones: [
      ...(profile.zones?.regions ?? []),
      ...(profile.zones?.departements ?? []).map((code) => `département ${code}`),
    ],
    languages: (profile.languages ?? []).map(languageLine),
    aspirations: profile.aspirations,
  };
}

/** The API's answer to a change of status: codes and dates, no one's name. */
export const apiStatusSchema = z.strictObject({
  id: z.uuid(),
  offre: z.strictObject({ reference: z.string(), intitule: z.string() }),
  statut: z.enum(applicationStatuses),
  // A code of the fixed list (migration 0012), never words about the person.
  motif: z.enum(refusalReasonCodes).nullable(),
  deposeeLe: z.iso.datetime(),
});

/** The API's application in a list: the same, and the applicant's name. */
export const apiApplicationSchema = apiStatusSchema.extend({
  candidat: z.strictObject({ nom: z.string().nullable(), prenom: z.string().nullable() }),
});

export const apiApplicationPageSchema = z.strictObject({
  candidatures: z.array(apiApplicationSchema),
  page: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
});

export function apiStatus(row: ApplicationRow): z.infer<typeof apiStatusSchema> {
  return {
    id: row.id,
    offre: { reference: row.reference, intitule: row.title },
    statut: row.status,
    motif: row.refusal_reason as RefusalReason | null,
    deposeeLe: row.submitted_at.toISOString(),
  };
}

export function apiApplication(item: ReviewItem): z.infer<typeof apiApplicationSchema> {
  return {
    ...apiStatus(item.row),
    candidat: { nom: item.name?.lastName ?? null, prenom: item.name?.firstName ?? null },
  };
}
