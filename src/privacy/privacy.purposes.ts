import { readPurpose, type AnyPurpose } from '../vault/index.js';

/*
 * « Mes données » (GDPR art. 15 and 20): a citizen reads their own account and identity to
 * download them. The export is itself a logged read of the door, as the person.
 */

const CITIZENS = ['candidate', 'job_seeker'] as const;

/** The citizen's own account: the login e-mail and the name it shows. */
export const exportOwnAccount = readPurpose({
  name: 'privacy.own_account',
  record: 'account',
  roles: CITIZENS,
  subject: 'account',
  fields: ['email', 'displayName'],
  scope: 'SELECT id FROM accounts WHERE id = :subject AND id = ANY(:ids)',
  pageCap: 1,
});

/** The citizen's own identity, contact and (for a job seeker) France Travail registration. */
export const exportOwnPerson = readPurpose({
  name: 'privacy.own_person',
  record: 'person',
  roles: CITIZENS,
  subject: 'person',
  fields: ['lastName', 'firstName', 'birthDate', 'address', 'email', 'phone', 'franceTravailId', 'registrationStatus'],
  scope: 'SELECT id FROM people WHERE id = :subject AND id = ANY(:ids)',
  pageCap: 1,
});

export const privacyPurposes: readonly AnyPurpose[] = [exportOwnAccount, exportOwnPerson];
