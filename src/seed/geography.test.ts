import { describe, expect, it } from 'vitest';
import { ofCommune, ofDepartement } from './articles.js';
import { departementByCode, departements, regions } from './geography.js';

describe('geography', () => {
  it('lists the 101 départements, Corsica and the five DROM included', () => {
    expect(departements).toHaveLength(101);
    expect(new Set(departements.map((d) => d.code)).size).toBe(101);
    for (const code of ['01', '2A', '2B', '75', '95', '971', '972', '973', '974', '976'])
      expect(departementByCode(code)).toBeDefined();
    expect(() => departementByCode('20')).toThrow();
    expect(() => departementByCode('975')).toThrow();
  });

  it('has the 18 regions (13 in metropolitan France, 5 overseas)', () => {
    expect(regions).toHaveLength(18);
  });

  it('gives every département a préfecture, with postcodes of the département', () => {
    for (const d of departements) {
      expect(d.communes.length).toBeGreaterThan(0);
      for (const commune of d.communes) {
        expect(commune.postcode).toMatch(/^\d{5}$/);
        const expected = d.code.startsWith('2') && d.code.length === 2 && /[AB]/.test(d.code) ? '20' : d.code;
        expect(commune.postcode.startsWith(expected)).toBe(true);
      }
    }
    expect(departementByCode('33').communes[0]!.name).toBe('Bordeaux');
    expect(departementByCode('2B').communes[0]!.name).toBe('Bastia');
  });

  it('links names with the right French article', () => {
    expect(ofDepartement(departementByCode('33'))).toBe('de la Gironde');
    expect(ofDepartement(departementByCode('59'))).toBe('du Nord');
    expect(ofDepartement(departementByCode('01'))).toBe('de l’Ain');
    expect(ofDepartement(departementByCode('40'))).toBe('des Landes');
    expect(ofDepartement(departementByCode('35'))).toBe('d’Ille-et-Vilaine');
    expect(ofCommune('Le Mans')).toBe('du Mans');
    expect(ofCommune('Angers')).toBe('d’Angers');
    expect(ofCommune('Les Abymes')).toBe('des Abymes');
    expect(ofCommune('La Rochelle')).toBe('de La Rochelle');
  });
});
