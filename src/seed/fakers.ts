import { base, Faker, fr } from '@faker-js/faker';
import type { Rng } from './rng.js';

/** A French faker that draws from `rng`, so that its output repeats with the seed. */
export function frenchFaker(rng: Rng): Faker {
  // Faker calls the randomizer's methods detached from their object: bind them here.
  return new Faker({ locale: [fr, base], randomizer: { next: () => rng.next(), seed: (value) => rng.seed(value) } });
}
