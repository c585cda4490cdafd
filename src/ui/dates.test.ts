import { describe, expect, it } from 'vitest';
import { frenchDay } from './dates.js';

describe('French days', () => {
  it('writes days as French reads them, the first of a month as an ordinal', () => {
    expect(frenchDay('2026-12-01')).toBe('1er décembre 2026');
    expect(frenchDay('2026-11-25')).toBe('25 novembre 2026');
    expect(frenchDay('2026-11-11')).toBe('11 novembre 2026');
  });
});
