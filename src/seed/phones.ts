import { isOverseas } from './geography.js';
import type { Rng } from './rng.js';

/**
 * French phone numbers, as people really type them. Numbers follow the ARCEP national plan:
 * mobiles 06/07, geographic landlines 01–05 by zone, 09 for internet boxes; overseas
 * départements have their own blocks (0590/0690 Guadeloupe, 0596/0696 Martinique, 0594/0694
 * Guyane, 0262/0692 La Réunion, 0269/0639 Mayotte).
 */

/** Geographic zone of the national plan (01 Île-de-France … 05 south-west), by region. */
const landlineZoneByRegion: Record<string, string> = {
  'Île-de-France': '01',
  Bretagne: '02',
  Normandie: '02',
  'Pays de la Loire': '02',
  'Centre-Val de Loire': '02',
  'Hauts-de-France': '03',
  'Grand Est': '03',
  'Bourgogne-Franche-Comté': '03',
  'Auvergne-Rhône-Alpes': '04',
  "Provence-Alpes-Côte d'Azur": '04',
  Corse: '04',
  'Nouvelle-Aquitaine': '05',
  Occitanie: '05',
};

/** Eastern Occitanie (the former Languedoc-Roussillon) dials 04, not 05. */
const languedoc = new Set(['11', '30', '34', '48', '66']);

const overseasBlocks: Record<string, { landline: string; mobile: readonly string[] }> = {
  '971': { landline: '0590', mobile: ['0690', '0691'] },
  '972': { landline: '0596', mobile: ['0696', '0697'] },
  '973': { landline: '0594', mobile: ['0694'] },
  '974': { landline: '0262', mobile: ['0692', '0693'] },
  '976': { landline: '0269', mobile: ['0639'] },
};

/** A number in national form, ten digits: "0612345678". */
export function nationalNumber(rng: Rng, departement: string, region: string): string {
  const mobile = rng.chance(0.75);
  if (isOverseas(departement)) {
    const block = overseasBlocks[departement]!;
    return (mobile ? rng.pick(block.mobile) : block.landline) + rng.digits(6);
  }
  if (mobile) return rng.pick(['06', '07']) + rng.digits(8);
  if (rng.chance(0.15)) return `09${rng.digits(8)}`;
  const zone = languedoc.has(departement) ? '04' : (landlineZoneByRegion[region] ?? '01');
  // The digit after the zone is never 0 in geographic numbers.
  return `${zone}${rng.int(1, 9)}${rng.digits(7)}`;
}

export type PhoneStyle = 'spaced' | 'compact' | 'dotted' | 'international' | 'internationalCompact';

/** One national number written in one style. */
export function formatPhone(national: string, style: PhoneStyle): string {
  const pairs = national.match(/\d{2}/g)!;
  switch (style) {
    case 'spaced':
      return pairs.join(' ');
    case 'compact':
      return national;
    case 'dotted':
      return pairs.join('.');
    case 'international':
      return `+33 ${national.slice(1, 2)} ${national.slice(2).match(/\d{2}/g)!.join(' ')}`;
    case 'internationalCompact':
      return `+33${national.slice(1)}`;
  }
}

/** Every way this seed may write the number: what a leak scanner must look for. */
export function phonePresentations(national: string): string[] {
  const styles: PhoneStyle[] = ['spaced', 'compact', 'dotted', 'international', 'internationalCompact'];
  return styles.map((style) => formatPhone(national, style));
}

/**
 * How a person wrote their number. Overseas numbers stay national: their international form
 * uses the territory's own code (+590, +262…), which our blind-index normaliser does not fold.
 */
export function presentPhone(rng: Rng, national: string, departement: string): string {
  const style = isOverseas(departement)
    ? rng.weighted<PhoneStyle>([
        ['spaced', 6],
        ['compact', 3],
        ['dotted', 1],
      ])
    : rng.weighted<PhoneStyle>([
        ['spaced', 40],
        ['compact', 25],
        ['international', 20],
        ['dotted', 10],
        ['internationalCompact', 5],
      ]);
  return formatPhone(national, style);
}
