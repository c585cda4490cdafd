import { candidateCareerSection, candidateCvSection, candidateProfileSection } from '../candidates/index.js';
import { applicationsSection, recruiterMessagesSection } from '../recruiting/index.js';
import { accountSection, identitySection } from './identity.section.js';
import { jobSeekerSections } from '../job-seekers/index.js';
import { savedSearchesSection } from '../offers/index.js';
import type { PrivacySection } from './section.js';

/**
 * Every domain's part of « Mes données », in the order the page shows them. A domain adds its
 * own section here, as it adds its purposes to src/purposes.ts.
 */
export const privacySections: readonly PrivacySection[] = [
  accountSection,
  identitySection,
  candidateProfileSection,
  candidateCareerSection,
  candidateCvSection,
  savedSearchesSection,
  applicationsSection,
  recruiterMessagesSection,
  ...jobSeekerSections,
];
