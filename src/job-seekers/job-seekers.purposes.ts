import { readPurpose, type AnyPurpose } from '../vault/index.js';

/*
 * A job seeker reads what concerns them in their own referrals, and nobody else's: the note
 * their advisor wrote for the training organisation and what the organisation declared. GDPR
 * art. 15 gives them access to both; the reads are logged as their own.
 */

/** Who the signed-in job seeker is, as their space greets them: name and France Travail identifier. */
export const ownIdentity = readPurpose({
  name: 'job_seeker.identity',
  record: 'person',
  roles: ['job_seeker'],
  subject: 'person',
  fields: ['lastName', 'firstName', 'franceTravailId'],
  scope: 'SELECT id FROM people WHERE id = :subject AND id = ANY(:ids)',
  pageCap: 1,
});

/** The notes of the job seeker's own referrals. */
export const ownReferralNotes = readPurpose({
  name: 'job_seeker.referrals',
  record: 'referral',
  roles: ['job_seeker'],
  subject: 'person',
  fields: ['note'],
  scope: 'SELECT id FROM referrals WHERE person_id = :subject AND id = ANY(:ids)',
  pageCap: 50,
});

/** What the training organisations declared about the job seeker's own trainings. */
export const ownDeclarations = readPurpose({
  name: 'job_seeker.declarations',
  record: 'referralEvent',
  roles: ['job_seeker'],
  subject: 'person',
  fields: ['detail'],
  scope: `SELECT e.id FROM referral_events e JOIN referrals r ON r.id = e.referral_id
    WHERE r.person_id = :subject AND e.id = ANY(:ids)`,
  pageCap: 200,
});

export const jobSeekersPurposes: readonly AnyPurpose[] = [ownIdentity, ownReferralNotes, ownDeclarations];
