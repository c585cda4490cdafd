import { readPurpose, type AnyPurpose } from '../vault/index.js';

/** A candidate or job seeker reads their own record, and only theirs. */
export const viewSelf = readPurpose({
  name: 'self.view',
  record: 'person',
  roles: ['candidate', 'job_seeker'],
  subject: 'person',
  fields: [
    'lastName',
    'firstName',
    'birthDate',
    'address',
    'email',
    'phone',
    'franceTravailId',
    'registrationStatus',
    'career',
    'postsSought',
    'zones',
    'languages',
    'aspirations',
  ],
  scope: 'SELECT id FROM people WHERE id = :subject AND id = ANY(:ids)',
  pageCap: 1,
});

export const candidatesPurposes: readonly AnyPurpose[] = [viewSelf];
