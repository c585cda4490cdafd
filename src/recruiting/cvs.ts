import type { Choice } from '../ui/index.js';
import type { Actor } from '../vault/index.js';
import type { RecruitingDeps } from './deps.js';

/*
 * The candidate's CVs, as the application form offers them. CVs belong to the candidates domain
 * (h7, migration 0011); until it is on main, a candidate applies without one.
 */

/** The candidate's own CVs, as choices of the application form. */
export async function ownCvChoices(_deps: RecruitingDeps, _actor: Actor): Promise<Choice[]> {
  return [];
}

/** Whether `cvId` is one of the candidate's own CVs. */
export async function ownsCv(_deps: RecruitingDeps, _actor: Actor, _cvId: string): Promise<boolean> {
  return false;
}
