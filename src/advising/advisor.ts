import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';

/**
 * The advisor's account id: the subject of every advising purpose. Routes declare the advisor
 * role; this refuses anything else, so a use case is never run as the platform or another role.
 */
export function advisorOf(actor: Actor): string {
  if (actor.kind !== 'account' || actor.role !== 'advisor') throw new AppError('FORBIDDEN');
  return actor.accountId;
}
