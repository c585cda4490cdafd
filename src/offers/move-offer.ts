import { isoDay } from './dates.js';
import type { Actor } from '../vault/index.js';
import { employerOf, readOwnOffer, type ManageDeps } from './manage-offers.js';
import {
  mayMove,
  missingForPublication,
  oneMonthAfter,
  shortPublication,
  type Article3Fields,
  type Transition,
} from './offers.policy.js';
import type { OfferRow } from './offers.repo.js';
import { moveOffer } from './offers.write.js';

/** What a move did: done, refused for the offer's state, or waiting for the art. 4 confirmation. */
export type MoveOutcome =
  | { kind: 'done' }
  | { kind: 'wrong_status' }
  | { kind: 'incomplete'; missing: (keyof Article3Fields)[] }
  | { kind: 'short_publication'; minimum: string };

/** The art. 3 fields of a stored offer, as the policy reads them. */
export function article3Of(offer: OfferRow): Article3Fields {
  return {
    title: offer.title,
    grades: offer.grades,
    recruitingAuthority: offer.recruiting_authority,
    description: offer.description,
    profile: offer.profile,
    vacantFrom: offer.vacant_from,
    applyTo: offer.apply_to,
  };
}

/**
 * Publishes, closes or archives an offer of the recruiter's employer. Publishing needs every
 * field of art. 3, and a permanent post published for less than a month waits for the
 * recruiter's confirmation (art. 4).
 */
export async function moveOwnOffer(
  deps: ManageDeps,
  actor: Actor,
  id: string,
  move: Transition,
  publication?: { until: string; confirmed: boolean },
): Promise<MoveOutcome> {
  const offer = await readOwnOffer(deps, actor, id);
  if (!mayMove(offer.status, move)) return { kind: 'wrong_status' };
  const target = { id, employerId: employerOf(actor), at: deps.clock.now() };
  if (move !== 'publish') return (await moveOffer(deps.db, target, move)) ? { kind: 'done' } : { kind: 'wrong_status' };
  const missing = missingForPublication(article3Of(offer));
  if (missing.length > 0) return { kind: 'incomplete', missing };
  const from = isoDay(deps.clock.now());
  const until = publication!.until;
  const permanent = offer.contract_months === null;
  if (shortPublication({ permanent, from, until }) && !publication!.confirmed) {
    return { kind: 'short_publication', minimum: oneMonthAfter(from) };
  }
  return (await moveOffer(deps.db, target, 'publish', { from, until })) ? { kind: 'done' } : { kind: 'wrong_status' };
}
