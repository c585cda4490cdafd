import type { ApplicationStatus } from '../vault/index.js';

/*
 * The pipeline's pure rules: the statuses and the words a person reads for them, the fixed list
 * of refusal reasons, and who may move an application where. No database, no request.
 */

/** Every status of an application, in the order of the pipeline (migration 0012 checks the same). */
export const applicationStatuses = [
  'submitted',
  'reviewing',
  'interview',
  'rejected',
  'accepted',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];

/** What the candidate and the recruiter read for each status. */
export const statusLabels: Record<ApplicationStatus, string> = {
  submitted: 'Reçue',
  reviewing: 'En cours d’examen',
  interview: 'Entretien',
  accepted: 'Retenue',
  rejected: 'Non retenue',
  withdrawn: 'Retirée par la personne',
};

/**
 * The reasons a refusal may give: a fixed list, so that nothing written about a person travels
 * with a refusal (GDPR art. 5(1)(c)); the candidate reads the sentence, not a judgement.
 */
export const refusalReasons = {
  profil_inadapte: 'Le profil ne correspond pas aux attendus du poste',
  experience_insuffisante: 'L’expérience demandée pour ce poste n’est pas réunie',
  poste_pourvu: 'Le poste a été pourvu',
  offre_retiree: 'L’offre a été retirée',
  autre_candidature: 'Une autre candidature a été retenue',
} as const;

export type RefusalReason = keyof typeof refusalReasons;
export const refusalReasonCodes = Object.keys(refusalReasons) as [RefusalReason, ...RefusalReason[]];

/** The statuses a recruiter may set. « Reçue » is where an application starts; « Retirée » is the candidate's. */
export const recruiterStatuses = ['reviewing', 'interview', 'accepted', 'rejected'] as const;
export type RecruiterStatus = (typeof recruiterStatuses)[number];

/** Whether a recruiter may move an application from `from` to `to`: never a withdrawn one, never to where it is. */
export function recruiterMayMove(from: ApplicationStatus, to: RecruiterStatus): boolean {
  return from !== 'withdrawn' && from !== to;
}

/** Whether the candidate may still withdraw: not once the answer is given, nor twice. */
export function candidateMayWithdraw(status: ApplicationStatus): boolean {
  return status === 'submitted' || status === 'reviewing' || status === 'interview';
}

/** A refusal needs a reason from the list; no other status takes one. */
export function reasonFits(status: RecruiterStatus, reason: RefusalReason | undefined): boolean {
  return status === 'rejected' ? reason !== undefined : reason === undefined;
}

/** The words for a refusal reason code as stored, or null. */
export function reasonLabel(code: string | null): string | null {
  return code && Object.hasOwn(refusalReasons, code) ? refusalReasons[code as RefusalReason] : null;
}

/** Applications are shown by pages of this size, and a page number past this is refused. */
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
