import { describe, expect, it } from 'vitest';
import { pagesOf, statusLabel } from './advising.policy.js';

describe('the advisors’ small rules', () => {
  it('names every status in French, even one a later migration adds', () => {
    expect(statusLabel('entered')).toBe('En formation');
    expect(statusLabel('quelque-chose')).toBe('Statut en cours de mise à jour');
  });

  it('gives an empty list its one page, and caps deep pages', () => {
    expect(pagesOf(0)).toBe(1);
    expect(pagesOf(41)).toBe(3);
    expect(pagesOf(1_000_000)).toBe(500);
  });
});
