import { readPurpose, searchPurpose, writePurpose, type AnyPurpose } from '../vault/index.js';

/*
 * What the recruiting domain may read, search and write, for whom (GDPR art. 5(1)(b) and (c)).
 * A recruiter reaches the applicants to their own employer's offers, and only the fields the
 * task needs; a candidate reaches their own applications; a recruiter manager searches the pool
 * of opted-in profiles. Scopes are SQL over non-personal tables (docs/architecture.md).
 */

const ownEmployerApplications = `SELECT a.id FROM applications a JOIN offers o ON o.id = a.offer_id
    WHERE o.employer_id = :subject AND a.id = ANY(:ids)`;

/**
 * A recruiter reviews the applicants to their own employer's offers. Names to tell them apart,
 * the career and languages to weigh the application; no e-mail, phone or address: the recruiter
 * writes to the candidate through rempart, which delivers by e-mail.
 */
export const reviewApplicants = readPurpose({
  name: 'recruiting.application',
  record: 'person',
  roles: ['recruiter', 'recruiter_manager'],
  subject: 'organisation',
  fields: ['lastName', 'firstName', 'career', 'languages'],
  scope: `SELECT a.person_id AS id FROM applications a JOIN offers o ON o.id = a.offer_id
    WHERE o.employer_id = :subject AND a.person_id = ANY(:ids)`,
  pageCap: 50,
});

/** The candidate's covering message of one application to the recruiter's own employer. */
export const readApplicationMessage = readPurpose({
  name: 'recruiting.application_message',
  record: 'application',
  roles: ['recruiter', 'recruiter_manager'],
  subject: 'organisation',
  fields: ['message'],
  scope: ownEmployerApplications,
  pageCap: 1,
});

/**
 * The CV a candidate attached to an application to the recruiter's own employer: a logged read
 * on record `cv` (h7's table), only if the CV is the applicant's own.
 */
export const readApplicationCv = readPurpose({
  name: 'recruiting.application_cv',
  record: 'cv',
  roles: ['recruiter', 'recruiter_manager'],
  subject: 'organisation',
  fields: ['fileName', 'content'],
  scope: `SELECT a.cv_id AS id FROM applications a JOIN offers o ON o.id = a.offer_id
    JOIN cvs c ON c.id = a.cv_id AND c.person_id = a.person_id
    WHERE o.employer_id = :subject AND a.cv_id = ANY(:ids)`,
  pageCap: 1,
});

/** The messages the employer's recruiters wrote on one of its applications. */
export const readEmployerHistory = readPurpose({
  name: 'recruiting.application_history',
  record: 'applicationEvent',
  roles: ['recruiter', 'recruiter_manager'],
  subject: 'organisation',
  fields: ['body'],
  scope: `SELECT e.id FROM application_events e JOIN applications a ON a.id = e.application_id
    JOIN offers o ON o.id = a.offer_id WHERE o.employer_id = :subject AND e.id = ANY(:ids)`,
  pageCap: 100,
});

/** A recruiter records a change of status or writes to the candidate, as themself. */
export const recordEmployerEvent = writePurpose({
  name: 'recruiting.application_event',
  table: 'applicationEvent',
  mode: 'create',
  roles: ['recruiter', 'recruiter_manager'],
  subject: 'organisation',
  fields: ['body'],
  plain: ['applicationId', 'kind', 'status', 'refusalReason', 'authorId', 'createdAt'],
  scope: `SELECT n.id FROM new_rows n JOIN applications a ON a.id = n.application_id
    JOIN offers o ON o.id = a.offer_id WHERE o.employer_id = :subject AND n.author_id = :account`,
});

/**
 * A candidate applies to a published offer, for themself only, with a message and a CV of their
 * own: the door refuses a row that names someone else's CV, whatever the caller checked before.
 */
export const applyToOffer = writePurpose({
  name: 'recruiting.apply',
  table: 'application',
  mode: 'create',
  roles: ['candidate'],
  subject: 'person',
  fields: ['message'],
  plain: ['offerId', 'personId', 'status', 'submittedAt', 'cvId'],
  scope: `SELECT n.id FROM new_rows n JOIN offers o ON o.id = n.offer_id
    WHERE n.person_id = :subject AND n.status = 'submitted' AND o.status = 'published'
      AND (n.cv_id IS NULL OR EXISTS (SELECT 1 FROM cvs c WHERE c.id = n.cv_id AND c.person_id = :subject))`,
});

/** A candidate reads their own covering message. */
export const readOwnApplication = readPurpose({
  name: 'recruiting.own_application',
  record: 'application',
  roles: ['candidate'],
  subject: 'person',
  fields: ['message'],
  scope: 'SELECT id FROM applications WHERE person_id = :subject AND id = ANY(:ids)',
  // A page of « Mes données » reads up to 50 of the person's own messages at once.
  pageCap: 50,
});

/** A candidate reads the recruiter's messages on their own applications. */
export const readOwnHistory = readPurpose({
  name: 'recruiting.own_history',
  record: 'applicationEvent',
  roles: ['candidate'],
  subject: 'person',
  fields: ['body'],
  scope: `SELECT e.id FROM application_events e JOIN applications a ON a.id = e.application_id
    WHERE a.person_id = :subject AND e.id = ANY(:ids)`,
  pageCap: 100,
});

/** A candidate withdraws their own application: the history records it, as them. */
export const recordWithdrawal = writePurpose({
  name: 'recruiting.withdraw',
  table: 'applicationEvent',
  mode: 'create',
  roles: ['candidate'],
  subject: 'person',
  // No body: a candidate's withdrawal carries no words of theirs.
  fields: [],
  plain: ['applicationId', 'kind', 'status', 'refusalReason', 'authorId', 'createdAt'],
  scope: `SELECT n.id FROM new_rows n JOIN applications a ON a.id = n.application_id
    WHERE a.person_id = :subject AND n.author_id = :account AND n.kind = 'status' AND n.status = 'withdrawn'`,
});

/** The demo's history of the seeded applications: the platform's own work (src/seed/recruiting.ts). */
export const seedApplicationEvents = writePurpose({
  name: 'recruiting.seed_events',
  table: 'applicationEvent',
  mode: 'create',
  roles: 'platform',
  subject: 'none',
  fields: ['body'],
  plain: ['applicationId', 'kind', 'status', 'refusalReason', 'authorId', 'createdAt'],
  scope: 'SELECT id FROM new_rows',
});

const optedIn = `SELECT person_id AS id FROM candidate_profiles
  WHERE pool_opt_in AND person_id = ANY(:ids) AND :subject::uuid IS NOT NULL`;

/**
 * The candidate pool, for recruiter managers only: faceted search over opted-in profiles, whose
 * results are pseudonymous summaries (no name, no contact), a page at a time. In 2026 one
 * manager's account read 377,418 profiles of Choisir le service public.
 */
export const searchPool = searchPurpose({
  name: 'recruiting.pool_search',
  record: 'person',
  roles: ['recruiter_manager'],
  subject: 'organisation',
  fields: ['postsSought', 'zones', 'languages'],
  by: ['facets'],
  scope: optedIn,
  extent: 'SELECT count(*) FROM candidate_profiles WHERE pool_opt_in',
  pageCap: 20,
});

/** Opening one pool profile: a read, logged, charged, and shown in the candidate's « Mes accès ». */
export const openPoolProfile = readPurpose({
  name: 'recruiting.pool',
  record: 'person',
  roles: ['recruiter_manager'],
  subject: 'organisation',
  fields: ['lastName', 'firstName', 'career', 'postsSought', 'zones', 'languages', 'aspirations'],
  scope: optedIn,
  pageCap: 1,
});

export const recruitingPurposes: readonly AnyPurpose[] = [
  reviewApplicants,
  readApplicationMessage,
  readApplicationCv,
  readEmployerHistory,
  recordEmployerEvent,
  applyToOffer,
  readOwnApplication,
  readOwnHistory,
  recordWithdrawal,
  seedApplicationEvents,
  searchPool,
  openPoolProfile,
];
