import { describe, expect, it } from 'vitest';
import { mannWhitney, median } from './statistics.js';

describe('the Mann–Whitney U test used by the timing tests', () => {
  it('gives the textbook p-values', () => {
    // Fully separated samples of 10: U = 0, z = -3.78, p = 1.57e-4.
    const low = Array.from({ length: 10 }, (_, i) => i);
    const high = low.map((v) => v + 100);
    const { p, z } = mannWhitney(low, high);
    expect(z).toBeCloseTo(-3.78, 2);
    expect(p).toBeCloseTo(1.57e-4, 5);
    // Interleaved samples: no difference at all.
    expect(mannWhitney([1, 3, 5, 7], [2, 4, 6, 8]).p).toBeGreaterThan(0.5);
    expect(mannWhitney([1, 1, 1], [1, 1, 1]).p).toBeNaN();
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
