import { ownReferrals, trainingProgress, type ReferralView } from '../advising/index.js';
import type { DomainDeps } from '../domains.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { ownDeclarations } from './job-seekers.purposes.js';

/** The job seeker's own person id: the subject of their purposes; nobody else has one here. */
export function jobSeekerOf(actor: Actor): string {
  if (actor.kind !== 'account' || actor.role !== 'job_seeker' || !actor.personId) throw new AppError('FORBIDDEN');
  return actor.personId;
}

/**
 * The job seeker's own referrals and the progress of their trainings: what the training
 * organisations declared, details included, read through the vault as the job seeker.
 */
export async function myTrainings(deps: Pick<DomainDeps, 'db' | 'vault'>, actor: Actor): Promise<ReferralView[]> {
  const rows = await ownReferrals(deps.db, jobSeekerOf(actor));
  return trainingProgress(deps, actor, rows, { details: ownDeclarations });
}
