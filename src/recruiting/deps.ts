import type { DomainDeps } from '../domains.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';

/** What the recruiting domain's use cases take from the composition root. */
export type RecruitingDeps = Pick<DomainDeps, 'db' | 'vault' | 'clock' | 'random' | 'notify' | 'publicUrl'>;

/** The employer a recruiter acts for; an account without one reaches nothing. */
export function employerOf(actor: Actor): string {
  if (actor.kind !== 'account' || !actor.organisationId) throw new AppError('NOT_FOUND', 'no employer');
  return actor.organisationId;
}

/** The person a candidate account is; an account without one reaches nothing. */
export function personOf(actor: Actor): string {
  if (actor.kind !== 'account' || !actor.personId) throw new AppError('NOT_FOUND', 'no person');
  return actor.personId;
}

/** The acting account's id. */
export function accountOf(actor: Actor): string {
  if (actor.kind !== 'account') throw new AppError('FORBIDDEN', 'not an account');
  return actor.accountId;
}

/** Where the candidate follows their applications: the only link a message about one carries. */
export const CANDIDATE_APPLICATIONS_PATH = '/candidat/candidatures';
