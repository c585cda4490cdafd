import type { DomainDeps } from '../domains.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { contactView, personLine, type ContactView, type PersonLine, type ReferralView } from './advising.presenter.js';
import { followPortfolio, readDeclarations, readReferralNotes } from './advising.purposes.js';
import { advisorOf } from './advisor.js';
import { trainingProgress } from './progress.js';
import { portfolioReferrals } from './referrals.repo.js';

/** A job seeker's page, as their advisor sees it. */
export interface JobSeekerView {
  person: PersonLine;
  contact: ContactView;
  referrals: ReferralView[];
}

/** The name and identifier of one job seeker of the portfolio; NOT_FOUND for anyone else. */
export async function portfolioPerson(deps: Pick<DomainDeps, 'vault'>, actor: Actor, personId: string) {
  advisorOf(actor);
  const [record] = await deps.vault.read(actor, followPortfolio, [personId], {
    fields: ['lastName', 'firstName', 'franceTravailId', 'registrationStatus'],
  });
  // Outside the portfolio or no such person: one answer (DESIGN.md, promise 3).
  if (!record) throw new AppError('NOT_FOUND');
  return personLine(record);
}

/**
 * One job seeker of the advisor's portfolio: identity and contact details, their referrals and
 * the progress of their trainings. Anyone else is NOT_FOUND, as a person who does not exist.
 */
export async function openJobSeeker(
  deps: Pick<DomainDeps, 'db' | 'vault'>,
  actor: Actor,
  personId: string,
): Promise<JobSeekerView> {
  const advisorId = advisorOf(actor);
  const [record] = await deps.vault.read(actor, followPortfolio, [personId], {
    fields: ['lastName', 'firstName', 'franceTravailId', 'registrationStatus', 'email', 'phone', 'address'],
  });
  if (!record) throw new AppError('NOT_FOUND');
  const rows = await portfolioReferrals(deps.db, advisorId, [personId]);
  const referrals = await trainingProgress(deps, actor, rows, {
    notes: readReferralNotes,
    details: readDeclarations,
    // What the advisor acts on: why a training stopped, how it ended. The dates of entry and
    // attendance say the rest; their details are not read (GDPR art. 5(1)(c), and each record
    // read counts against the advisor's daily read ceiling).
    detailKinds: ['interruption', 'exit'],
  });
  return { person: personLine(record), contact: contactView(record), referrals };
}
