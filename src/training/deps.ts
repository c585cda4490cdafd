import type { DomainDeps } from '../domains.js';
import { parisDay } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';

/** What the training use cases take from the composition root. */
export type TrainingDeps = Pick<DomainDeps, 'db' | 'vault' | 'clock' | 'random'>;

/** The acting account and its organisation; an account without one reaches nothing here. */
export function organisationOf(actor: Actor): { accountId: string; organisationId: string } {
  if (actor.kind !== 'account' || !actor.organisationId) throw new AppError('FORBIDDEN', 'no organisation');
  return { accountId: actor.accountId, organisationId: actor.organisationId };
}

/** Today's date in France, as an ISO day: due dates are counted in French days. */
export function today(deps: Pick<TrainingDeps, 'clock'>): string {
  return parisDay(deps.clock.now());
}

/** The same answer as for an id that does not exist: another organisation's id is not told apart. */
export function notFound(): never {
  throw new AppError('NOT_FOUND', 'not in this organisation');
}
