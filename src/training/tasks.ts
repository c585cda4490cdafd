import type { Actor } from '../vault/index.js';
import { organisationOf, today, type TrainingDeps } from './deps.js';
import { duesByOrganisation } from './dues.repo.js';
import { countToAnswer } from './referrals.repo.js';

/** What the organisation's home lists as work to do: counts only, no person named. */
export interface Tasks {
  toAnswer: number;
  due: number;
  overdue: number;
}

export async function tasksOf(deps: TrainingDeps, actor: Actor): Promise<Tasks> {
  const { organisationId } = organisationOf(actor);
  const [dues] = await duesByOrganisation(deps.db, today(deps), organisationId);
  return { toAnswer: await countToAnswer(deps.db, organisationId), due: dues?.due ?? 0, overdue: dues?.overdue ?? 0 };
}
