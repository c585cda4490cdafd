import type { Departement } from './geography.js';

/**
 * "de la Gironde", "du Nord", "de l’Ain", "des Landes", "d’Ille-et-Vilaine": the French
 * linking article before a département's name. INSEE's Code officiel géographique records it
 * (its "type de nom en clair"); most feminine names take "de la", listed here are the others.
 */
const exceptions = `
  de l’| 01 02 03 07 09 10 11 12 27 34 36 38 60 61 89 91
  des  | 04 05 06 08 13 22 40 64 65 66 78 79 88 92
  du   | 14 15 18 25 29 30 32 39 45 46 56 59 62 63 67 68 69 81 83 90 94 95
  d’   | 28 35 37
  de   | 41 47 49 54 71 75 77 82 84 974 976
`;

const articleByCode = new Map(
  exceptions
    .trim()
    .split('\n')
    .flatMap((line) => {
      const [article, codes] = line.split('|') as [string, string];
      // Elided articles join the name directly; the others take a space.
      const joined = article.trim().endsWith('’') ? article.trim() : `${article.trim()} `;
      return codes
        .trim()
        .split(/\s+/)
        .map((code) => [code, joined] as const);
    }),
);

/** "de la Gironde". */
export function ofDepartement(departement: Departement): string {
  return `${articleByCode.get(departement.code) ?? 'de la '}${departement.name}`;
}

/** "du Mans", "des Abymes", "d’Angers", "de La Rochelle", "de Lyon". */
export function ofCommune(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÊÎ]/.test(name)) return `d’${name}`;
  return `de ${name}`;
}
