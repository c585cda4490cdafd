import { describe, expect, it } from 'vitest';
import { mayEdit, mayMove, missingForPublication, oneMonthAfter, shortPublication } from './offers.policy.js';

describe('the offers’ rules', () => {
  it('moves draft → published → closed → archived, and no other way', () => {
    expect(mayMove('draft', 'publish')).toBe(true);
    expect(mayMove('published', 'close')).toBe(true);
    expect(mayMove('closed', 'archive')).toBe(true);
    expect(mayMove('draft', 'archive')).toBe(true);
    expect(mayMove('published', 'publish')).toBe(false);
    expect(mayMove('closed', 'publish')).toBe(false);
    expect(mayMove('archived', 'publish')).toBe(false);
    expect(mayMove('draft', 'close')).toBe(false);
    expect(mayMove('published', 'archive')).toBe(false);
    expect(mayEdit('closed')).toBe(false);
    expect(mayEdit('draft')).toBe(true);
  });

  it('lists what art. 3 still asks for', () => {
    const complete = {
      title: 'Infirmier',
      grades: 'Infirmier en soins généraux',
      recruitingAuthority: 'Directeur du CHU',
      description: 'Soins',
      profile: 'Diplôme d’État',
      vacantFrom: '2026-12-01',
      applyTo: 'Direction des ressources humaines',
    };
    expect(missingForPublication(complete)).toEqual([]);
    expect(missingForPublication({ ...complete, grades: '  ', vacantFrom: null })).toEqual(['grades', 'vacantFrom']);
  });

  it('counts one month as the same day of the next month, or its last day', () => {
    expect(oneMonthAfter('2026-11-26')).toBe('2026-12-26');
    expect(oneMonthAfter('2026-01-31')).toBe('2026-02-28');
    expect(oneMonthAfter('2026-12-15')).toBe('2027-01-15');
  });

  it('warns when a permanent post is published for less than one month (art. 4)', () => {
    expect(shortPublication({ permanent: true, from: '2026-11-26', until: '2026-12-25' })).toBe(true);
    expect(shortPublication({ permanent: true, from: '2026-11-26', until: '2026-12-26' })).toBe(false);
    // A contract post is not bound by art. 4's month.
    expect(shortPublication({ permanent: false, from: '2026-11-26', until: '2026-12-01' })).toBe(false);
  });
});
