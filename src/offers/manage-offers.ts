import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Random } from '../kernel/random.js';
import type { Actor } from '../vault/index.js';
import type { OfferStatus } from './offers.labels.js';
import { RECRUITERS } from './offers.policy.js';
import { employerVersant, findForEmployer, listForEmployer, type OfferRow } from './offers.repo.js';
import { insertDraft, updateOffer, type OfferFields } from './offers.write.js';

export interface ManageDeps {
  db: Db;
  clock: Clock;
  random: Random;
}

/**
 * The employer a recruiter acts for. Deny by default: any other account, or a recruiter without
 * an employer, is refused here even if a route forgot to say so.
 */
export function employerOf(actor: Actor): string {
  return recruiterOf(actor).employerId;
}

function recruiterOf(actor: Actor): { employerId: string; accountId: string } {
  if (actor.kind !== 'account' || !RECRUITERS.includes(actor.role) || !actor.organisationId) {
    throw new AppError('FORBIDDEN', 'offers: not a recruiter');
  }
  return { employerId: actor.organisationId, accountId: actor.accountId };
}

/** One page of the recruiter's employer's offers. */
export function listOwnOffers(deps: ManageDeps, actor: Actor, options: { status?: OfferStatus; page: number }) {
  return listForEmployer(deps.db, employerOf(actor), options);
}

/** An offer of the recruiter's employer; another employer's answers as a missing one (404). */
export async function readOwnOffer(deps: ManageDeps, actor: Actor, id: string): Promise<OfferRow> {
  const offer = await findForEmployer(deps.db, employerOf(actor), id);
  if (!offer) throw new AppError('NOT_FOUND', 'offer');
  return offer;
}

/** A new reference, as the open data spell them: the year, then a serial. */
function newReference(deps: ManageDeps): string {
  const serial = deps.random.uuid().replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${deps.clock.now().getUTCFullYear()}-R${serial}`;
}

/** Creates a draft for the recruiter's employer, in its versant; returns its id. */
export async function createDraft(deps: ManageDeps, actor: Actor, fields: OfferFields): Promise<string> {
  const { employerId, accountId } = recruiterOf(actor);
  const versant = await employerVersant(deps.db, employerId);
  if (!versant) throw new AppError('FORBIDDEN', 'offers: organisation is not an employer');
  const id = deps.random.uuid();
  await insertDraft(
    deps.db,
    { id, reference: newReference(deps), employerId, versant, createdBy: accountId, at: deps.clock.now() },
    fields,
  );
  return id;
}

/** Edits an offer of the employer that is still a draft or published; false if it is closed. */
export async function editOwnOffer(deps: ManageDeps, actor: Actor, id: string, fields: OfferFields): Promise<boolean> {
  await readOwnOffer(deps, actor, id);
  return updateOffer(deps.db, { id, employerId: employerOf(actor), at: deps.clock.now() }, fields);
}
