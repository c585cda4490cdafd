import { readPurpose, writePurpose, type AnyPurpose } from '../vault/index.js';
import { PEOPLE_PAGE_CAP } from './training.policy.js';

/**
 * Kairos: a training organisation follows the job seekers referred to its own sessions, and
 * only them (in 2025 one organisation's account read 340,000). Identity and France Travail
 * identifier for the lists; contact details are a purpose of their own, asked for one person.
 */
export const followTrainees = readPurpose({
  name: 'training.follow_up',
  record: 'person',
  roles: ['of_user', 'of_manager'],
  subject: 'organisation',
  fields: ['lastName', 'firstName', 'franceTravailId'],
  scope: `SELECT r.person_id AS id FROM referrals r JOIN training_sessions s ON s.id = r.session_id
    WHERE s.organisation_id = :subject AND r.person_id = ANY(:ids)`,
  pageCap: PEOPLE_PAGE_CAP,
});

/**
 * « Voir les coordonnées »: one trainee's e-mail, phone and address, on an explicit action, with
 * the identity the page shows beside them, so that the action is one logged read.
 */
export const traineeContact = readPurpose({
  name: 'training.contact',
  record: 'person',
  roles: ['of_user', 'of_manager'],
  subject: 'organisation',
  fields: ['lastName', 'firstName', 'franceTravailId', 'email', 'phone', 'address'],
  scope: `SELECT r.person_id AS id FROM referrals r JOIN training_sessions s ON s.id = r.session_id
    WHERE s.organisation_id = :subject AND r.person_id = ANY(:ids)`,
  pageCap: 1,
});

/**
 * A declaration (entry, monthly attendance, interruption, exit) about a trainee of one of the
 * organisation's own sessions, signed by the account that makes it. Its codes are plain
 * columns; an optional remark is the one envelope, since it may describe the person.
 */
export const declareEvent = writePurpose({
  name: 'training.declare',
  table: 'referralEvent',
  mode: 'create',
  roles: ['of_user', 'of_manager'],
  subject: 'organisation',
  fields: ['detail'],
  plain: ['referralId', 'kind', 'occurredOn', 'declaredBy', 'reason', 'outcome', 'daysPresent'],
  scope: `SELECT n.id FROM new_rows n JOIN referrals r ON r.id = n.referral_id
    JOIN training_sessions s ON s.id = r.session_id
    WHERE s.organisation_id = :subject AND n.declared_by = :account`,
});

export const trainingPurposes: readonly AnyPurpose[] = [followTrainees, traineeContact, declareEvent];
