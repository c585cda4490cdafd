import { describe, expect, it } from 'vitest';
import { typographyFaults } from '../ui/typography.js';
import { errorCatalogue } from './errors.js';

describe('the error catalogue’s messages', () => {
  it.each(Object.entries(errorCatalogue))('%s follows French typography', (_code, entry) => {
    expect(typographyFaults(entry.message)).toEqual([]);
  });

  it('would see a message that does not (control)', () => {
    expect(typographyFaults('Trop de requêtes : veuillez patienter.')).toHaveLength(1);
  });
});
