import { describe, expect, it } from 'vitest';
import { parisDay } from './clock.js';

describe('the French day of an instant', () => {
  it('counts days in Paris, not in UTC nor the server’s zone', () => {
    // 23:30 UTC on 25 November is already 26 November in Paris (UTC+1 in winter).
    expect(parisDay(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(parisDay(new Date('2026-11-25T22:59:00Z'))).toBe('2026-11-25');
    // Summer time (UTC+2).
    expect(parisDay(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
  });
});
