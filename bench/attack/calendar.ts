import type { Role } from '../../src/kernel/roles.js';
import { workingDays } from './sim.js';

/** The staff the bench plays, by role; `--scale` multiplies them. */
export const ROLES: Partial<Record<Role, number>> = {
  of_user: 6,
  of_manager: 3,
  advisor: 4,
  recruiter: 6,
  recruiter_manager: 4,
};

/**
 * The bench's days: ten working days of past from 17 September 2026, the 22 working days of
 * October 2026 (no public holiday), and the attack on Monday 2 November.
 */
export const CALENDAR = {
  start: '2026-09-17',
  past: workingDays('2026-09-17', 10),
  month: workingDays('2026-10-01', 22),
  attack: workingDays('2026-11-02', 1)[0]!,
};
