import { Rng } from '../../src/seed/rng.js';

/**
 * The simulation's seeded randomness: the seed's generator (sfc32, one stream per label) with
 * the few distributions the behaviour models need. Same seed, same month.
 */
export class Dice extends Rng {
  /** Standard normal, by Box–Muller. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal by its median and the spread factor (×/÷) of one standard deviation. */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(this.normal() * Math.log(spread));
  }

  /** Poisson by inversion (small means only, as here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /**
   * Negative binomial by its mean and dispersion `size` (a Poisson whose mean is Gamma-drawn):
   * counts of daily work are over-dispersed, with quiet days and heavy ones.
   */
  negBinomial(mean: number, size: number): number {
    return this.poisson(this.gamma(size) * (mean / size));
  }

  /** Gamma(shape, 1), Marsaglia–Tsang. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = Math.pow(1 + c * x, 3);
      if (v <= 0) continue;
      if (Math.log(this.next()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }
}
