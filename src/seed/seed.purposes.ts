import { writePurpose, type AnyPurpose } from '../vault/index.js';

/*
 * The platform writes demo and scale data itself: the only bulk writes there are, and the only
 * ones not made as an account. Each is logged as the platform's, with the people it created.
 */
const everything = 'SELECT id FROM new_rows';

export const seedPeople = writePurpose({
  name: 'seed.people',
  table: 'person',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['lastName', 'firstName', 'birthDate', 'address', 'email', 'phone', 'franceTravailId', 'registrationStatus'],
  plain: ['kind'],
  scope: everything,
});

export const seedProfiles = writePurpose({
  name: 'seed.profiles',
  table: 'profile',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['career', 'postsSought', 'zones', 'languages', 'aspirations'],
  plain: ['poolOptIn'],
  scope: 'SELECT person_id AS id FROM new_rows',
});

export const seedAccounts = writePurpose({
  name: 'seed.accounts',
  table: 'account',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['email', 'displayName'],
  plain: ['role', 'organisationId', 'personId', 'status', 'passwordHash', 'createdBy', 'approvedBy', 'approvedAt'],
  scope: everything,
});

export const seedApplications = writePurpose({
  name: 'seed.applications',
  table: 'application',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['message'],
  plain: ['offerId', 'personId', 'status', 'submittedAt'],
  scope: everything,
});

export const seedReferralEvents = writePurpose({
  name: 'seed.referral_events',
  table: 'referralEvent',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['detail'],
  plain: ['referralId', 'kind', 'occurredOn', 'declaredBy'],
  scope: everything,
});

export const seedPurposes: readonly AnyPurpose[] = [
  seedPeople,
  seedProfiles,
  seedAccounts,
  seedApplications,
  seedReferralEvents,
];
