import { advisingPurposes } from './advising/advising.purposes.js';
import { candidatesPurposes } from './candidates/candidates.purposes.js';
import { adminsPurposes } from './cli/admins.purposes.js';
import { jobSeekersPurposes } from './job-seekers/job-seekers.purposes.js';
import { identityPurposes } from './identity/identity.purposes.js';
import { mailPurposes } from './mail/mail.purposes.js';
import { privacyPurposes } from './privacy/privacy.purposes.js';
import { recruitingPurposes } from './recruiting/recruiting.purposes.js';
import { seedPurposes } from './seed/seed.purposes.js';
import { securityPurposes } from './security/security.purposes.js';
import { trainingPurposes } from './training/training.purposes.js';
import type { AnyPurpose } from './vault/index.js';

/**
 * Every domain's purposes, as the vault composes them at start. A domain adds its own list
 * here; it never edits src/vault/.
 */
export const allPurposes: readonly (readonly AnyPurpose[])[] = [
  identityPurposes,
  adminsPurposes,
  mailPurposes,
  seedPurposes,
  candidatesPurposes,
  recruitingPurposes,
  trainingPurposes,
  advisingPurposes,
  privacyPurposes,
  jobSeekersPurposes,
  securityPurposes,
];
