import type { NewApplication } from '../vault/index.js';
import type { PeopleContext, Standing } from './context.js';
import { pickNear } from './context.js';
import { addDays, atWorkingHour, daysBetween, minDay } from './dates.js';
import type { SeedOffer } from './offers.js';
import type { Rng } from './rng.js';

type Status = NewApplication['status'];

const openStatuses: readonly (readonly [Status, number])[] = [
  ['submitted', 50],
  ['reviewing', 30],
  ['interview', 10],
  ['withdrawn', 5],
  ['rejected', 5],
];
const closedStatuses: readonly (readonly [Status, number])[] = [
  ['rejected', 50],
  ['reviewing', 20],
  ['interview', 15],
  ['withdrawn', 10],
  ['accepted', 5],
];

function message(rng: Rng, offer: SeedOffer): string | null {
  if (rng.chance(0.3)) return null;
  return rng.pick([
    `Madame, Monsieur, je souhaite vous proposer ma candidature au poste « ${offer.title} ». Je me tiens à votre disposition pour un entretien.`,
    `Bonjour, votre offre ${offer.reference} correspond à mon projet professionnel. Vous trouverez mon CV en pièce jointe.`,
    `Actuellement en poste, je suis disponible sous trois mois. Le poste « ${offer.metier} » à ${offer.place} m’intéresse vivement.`,
  ]);
}

/** A candidate's applications: zero to four offers, mostly near home, never twice the same. */
export function newApplications(
  rng: Rng,
  context: PeopleContext,
  personId: string,
  region: string,
  standing: Standing,
): NewApplication[] {
  const wanted =
    standing === 'showcase'
      ? 1
      : rng.weighted([
          [0, 25],
          [1, 35],
          [2, 25],
          [3, 10],
          [4, 5],
        ]);
  const offers = new Set<SeedOffer>();
  for (let n = 0; n < wanted; n++) offers.add(pickNear(rng, context.offers[standing], region));
  return [...offers].map((offer) => {
    const last = minDay(offer.deadline!, context.today);
    const on = addDays(offer.publishedOn!, rng.int(0, Math.max(0, daysBetween(offer.publishedOn!, last))));
    return {
      id: rng.uuid(),
      offerId: offer.id,
      personId,
      status: rng.weighted(offer.status === 'closed' ? closedStatuses : openStatuses),
      message: message(rng, offer),
      submittedAt: atWorkingHour(on, rng.int(0, 660)),
    };
  });
}
