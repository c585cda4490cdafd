import { readPurpose, searchPurpose, writePurpose, type AnyPurpose } from '../vault/index.js';

const portfolio = 'SELECT person_id AS id FROM portfolios WHERE advisor_id = :subject AND person_id = ANY(:ids)';

/** An advisor follows the job seekers of their own portfolio, and nobody else. */
export const followPortfolio = readPurpose({
  name: 'advising.portfolio',
  record: 'person',
  roles: ['advisor'],
  subject: 'account',
  fields: ['lastName', 'firstName', 'birthDate', 'address', 'email', 'phone', 'franceTravailId', 'registrationStatus'],
  scope: portfolio,
  pageCap: 50,
});

/** Search within the advisor's own portfolio by exact France Travail identifier or by nom + prénom. */
export const searchPortfolio = searchPurpose({
  name: 'advising.search',
  record: 'person',
  roles: ['advisor'],
  subject: 'account',
  fields: ['lastName', 'firstName', 'franceTravailId', 'registrationStatus'],
  by: ['franceTravailId', 'name'],
  scope: portfolio,
  extent: 'SELECT count(*) FROM portfolios WHERE advisor_id = :subject',
  pageCap: 20,
});

/**
 * An advisor refers a job seeker of their own portfolio to a session, with a note for the
 * training organisation, as themselves: the referral and its note are one logged write.
 */
export const referJobSeeker = writePurpose({
  name: 'advising.refer',
  table: 'referral',
  mode: 'create',
  roles: ['advisor'],
  subject: 'account',
  fields: ['note'],
  plain: ['sessionId', 'personId', 'referredBy', 'referredAt'],
  scope: `SELECT n.id FROM new_rows n JOIN portfolios p ON p.person_id = n.person_id
    WHERE p.advisor_id = :subject AND n.referred_by = :account`,
});

/** The notes of the referrals of the advisor's own portfolio, whoever wrote them. */
export const readReferralNotes = readPurpose({
  name: 'advising.referral_note',
  record: 'referral',
  roles: ['advisor'],
  subject: 'account',
  fields: ['note'],
  scope: `SELECT r.id FROM referrals r JOIN portfolios p ON p.person_id = r.person_id
    WHERE p.advisor_id = :subject AND r.id = ANY(:ids)`,
  pageCap: 20,
});

/**
 * What the training organisation declared (the reason of an interruption, the outcome of an
 * exit) for the job seekers of the advisor's portfolio: the advisor follows their training.
 */
export const readDeclarations = readPurpose({
  name: 'advising.declarations',
  record: 'referralEvent',
  roles: ['advisor'],
  subject: 'account',
  fields: ['detail'],
  scope: `SELECT e.id FROM referral_events e JOIN referrals r ON r.id = e.referral_id
    JOIN portfolios p ON p.person_id = r.person_id WHERE p.advisor_id = :subject AND e.id = ANY(:ids)`,
  pageCap: 100,
});

export const advisingPurposes: readonly AnyPurpose[] = [
  followPortfolio,
  searchPortfolio,
  referJobSeeker,
  readReferralNotes,
  readDeclarations,
];
