import { readPurpose, searchPurpose, type AnyPurpose } from '../vault/index.js';

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
  pageCap: 20,
});

export const advisingPurposes: readonly AnyPurpose[] = [followPortfolio, searchPortfolio];
