import { readPurpose, writePurpose, type AnyPurpose } from '../vault/index.js';

/*
 * The candidate's own space (issue 9): a candidate reads and writes their own identity, profile
 * and CVs, as themselves, and nobody else's (`:subject` is the signed-in person). Job seekers read
 * their own record through `self.view` too (« Mes données »).
 */

const ownPerson = 'SELECT id FROM people WHERE id = :subject AND id = ANY(:ids)';

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
    'categoriesSought',
  ],
  scope: ownPerson,
  pageCap: 1,
});

/** A candidate corrects their own identity and contact details (GDPR art. 16). */
export const editIdentity = writePurpose({
  name: 'candidates.edit_identity',
  table: 'person',
  mode: 'update',
  roles: ['candidate'],
  subject: 'person',
  fields: ['lastName', 'firstName', 'birthDate', 'address', 'email', 'phone'],
  scope: `SELECT id FROM people WHERE id = :subject AND kind = 'candidate' AND id = ANY(:ids)`,
});

const profileFields = ['career', 'postsSought', 'zones', 'languages', 'aspirations', 'categoriesSought'] as const;

/** The first save of a candidate's profile creates it, out of the pool (opt-in is off by default). */
export const createProfile = writePurpose({
  name: 'candidates.create_profile',
  table: 'profile',
  mode: 'create',
  roles: ['candidate'],
  subject: 'person',
  fields: profileFields,
  plain: ['poolOptIn'],
  scope: 'SELECT person_id AS id FROM new_rows WHERE person_id = :subject AND pool_opt_in = false',
});

/** Later saves replace the profile's fields (and its pool facets with them). */
export const editProfile = writePurpose({
  name: 'candidates.edit_profile',
  table: 'profile',
  mode: 'update',
  roles: ['candidate'],
  subject: 'person',
  fields: profileFields,
  scope: 'SELECT person_id AS id FROM candidate_profiles WHERE person_id = :subject AND person_id = ANY(:ids)',
});

/** The most CVs a candidate keeps (issue 9). */
export const MAX_CVS = 5;

/**
 * A candidate adds a CV of their own, while they hold fewer than five: the cap is in the scope,
 * so no path around the page can pass it.
 */
export const addCv = writePurpose({
  name: 'candidates.add_cv',
  table: 'cv',
  mode: 'create',
  roles: ['candidate'],
  subject: 'person',
  fields: ['fileName', 'content'],
  plain: ['personId', 'sizeBytes', 'uploadedAt'],
  scope: `SELECT n.id FROM new_rows n WHERE n.person_id = :subject
    AND (SELECT count(*) FROM cvs c WHERE c.person_id = :subject) + (SELECT count(*) FROM new_rows) <= ${MAX_CVS}`,
});

/** A candidate reads their own CVs: the names for the list, the content for a download. */
export const ownCvs = readPurpose({
  name: 'candidates.own_cvs',
  record: 'cv',
  roles: ['candidate'],
  subject: 'person',
  fields: ['fileName', 'content'],
  scope: 'SELECT id FROM cvs WHERE person_id = :subject AND id = ANY(:ids)',
  pageCap: MAX_CVS,
});

export const candidatesPurposes: readonly AnyPurpose[] = [
  viewSelf,
  editIdentity,
  createProfile,
  editProfile,
  addCv,
  ownCvs,
];
