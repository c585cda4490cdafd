import { ownReferrals, trainingProgress, type ReferralView } from '../advising/index.js';
import type { DomainDeps } from '../domains.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { ownDeclarations, ownIdentity } from './job-seekers.purposes.js';

/** The job seeker's own person id: the subject of their purposes; nobody else has one here. */
export function jobSeekerOf(actor: Actor): string {
  if (actor.kind !== 'account' || actor.role !== 'job_seeker' || !actor.personId) throw new AppError('FORBIDDEN');
  return actor.personId;
}

/**
 * The job seeker's own referrals and the progress of their trainings: what the training
 * organisations declared, details included, read through the vault as the job seeker.
 */
export async function myTrainings(
  deps: Pick<DomainDeps, 'db' | 'vault'>,
  actor: Actor,
): Promise<{ name: string; franceTravailId: string | null; referrals: ReferralView[] }> {
  const personId = jobSeekerOf(actor);
  const [[self], rows] = await Promise.all([
    deps.vault.read(actor, ownIdentity, [personId]),
    ownReferrals(deps.db, personId),
  ]);
  const referrals = await trainingProgress(deps, actor, rows, { details: ownDeclarations });
  const name = [self?.firstName, self?.lastName].filter(Boolean).join(' ');
  return { name, franceTravailId: self?.franceTravailId ?? null, referrals };
}
