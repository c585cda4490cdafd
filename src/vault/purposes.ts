import type { Role, ReadableField } from './types.js';

/**
 * Why a person's data may be read, who may invoke each purpose, which fields it needs, and
 * which relationship scopes it. Anything not listed is denied (GDPR art. 5(1)(b) and (c):
 * purpose limitation and data minimisation).
 *
 * Each scope is SQL that returns the allowed subset of the ids asked for ($2), given the
 * actor ($1: organisation id, account id or person id, see `subject`).
 */
export interface PurposeSpec {
  roles: readonly Role[];
  fields: readonly ReadableField[];
  subject: 'organisation' | 'account' | 'person';
  scopeSql: string;
}

const identity: ReadableField[] = [
  'lastName',
  'firstName',
  'birthDate',
  'address',
  'email',
  'phone',
  'franceTravailId',
  'registrationStatus',
];
const profile: ReadableField[] = ['career', 'postsSought', 'zones', 'languages', 'aspirations'];

export const purposes = {
  /** Kairos: a training organisation follows the job seekers referred to its own sessions. */
  'training.follow_up': {
    roles: ['of_user', 'of_manager'],
    fields: identity,
    subject: 'organisation',
    scopeSql: `SELECT DISTINCT r.person_id AS id FROM referrals r
      JOIN training_sessions s ON s.id = r.session_id
      WHERE s.organisation_id = $1 AND r.person_id = ANY($2::uuid[])`,
  },
  /** An advisor follows the job seekers of their own portfolio. */
  'advising.portfolio': {
    roles: ['advisor'],
    fields: identity,
    subject: 'account',
    scopeSql: 'SELECT person_id AS id FROM portfolios WHERE advisor_id = $1 AND person_id = ANY($2::uuid[])',
  },
  /** A recruiter reviews the applications to their own employer's offers. */
  'recruiting.application': {
    roles: ['recruiter', 'recruiter_manager'],
    fields: ['lastName', 'firstName', 'email', 'phone', ...profile],
    subject: 'organisation',
    scopeSql: `SELECT DISTINCT a.person_id AS id FROM applications a
      JOIN offers o ON o.id = a.offer_id
      WHERE o.employer_id = $1 AND a.person_id = ANY($2::uuid[])`,
  },
  /** A recruiter manager reads pool profiles that opted in; no contact details. */
  'recruiting.pool': {
    roles: ['recruiter_manager'],
    fields: ['lastName', 'firstName', ...profile],
    subject: 'organisation',
    scopeSql: `SELECT person_id AS id FROM candidate_profiles
      WHERE pool_opt_in AND person_id = ANY($2::uuid[]) AND $1::uuid IS NOT NULL`,
  },
  /** A citizen reads their own record. */
  'self.view': {
    roles: ['candidate', 'job_seeker'],
    fields: [...identity, ...profile],
    subject: 'person',
    scopeSql: 'SELECT id FROM people WHERE id = $1 AND id = ANY($2::uuid[])',
  },
} as const satisfies Record<string, PurposeSpec>;

export type Purpose = keyof typeof purposes;

export function isPurpose(name: string): name is Purpose {
  return Object.hasOwn(purposes, name);
}
