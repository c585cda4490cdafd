/**
 * Normalisation before blind indexing, so that the same person typed two ways gives the same
 * index: case, accents, spaces and phone formats do not matter.
 */

function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

export function normaliseEmail(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/** French numbers in national form: "+33 6 12 34 56 78", "0033612345678" → "0612345678". */
export function normalisePhone(value: string): string {
  let digits = value.replace(/[^\d+]/g, '');
  if (digits.startsWith('+33')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
  return digits.replace(/\D/g, '');
}

export function normaliseFranceTravailId(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** "  Éloïse-Marie  D'Aubigné " and "eloise marie d aubigne" index alike. */
export function normaliseNamePart(value: string): string {
  return stripAccents(value)
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}

export function normaliseFullName(lastName: string, firstName: string): string {
  return `${normaliseNamePart(lastName)}|${normaliseNamePart(firstName)}`;
}
