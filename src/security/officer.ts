import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';

type AccountActor = Extract<Actor, { kind: 'account' }>;

/** The roles that use the console. Admins manage accounts; officers watch them, admins included. */
export const OFFICERS = ['security_officer'] as const;

/**
 * The actor as a security officer, or FORBIDDEN: every use case of the console checks it again
 * behind the route's declared access (deny by default, ASVS 4.0.3 V4.1.3).
 */
export function officerOf(actor: Actor): AccountActor {
  if (actor.kind !== 'account' || !(OFFICERS as readonly string[]).includes(actor.role)) {
    throw new AppError('FORBIDDEN', 'the console is the security officers’');
  }
  return actor;
}
