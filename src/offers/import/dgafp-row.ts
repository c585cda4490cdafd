import type { Category, Nature, Versant } from '../offers.labels.js';

/*
 * One row of the DGAFP's weekly open-data file of offers (Choisir le service public), read
 * into an offer or refused with a French reason. Headers are matched without case, accents or
 * punctuation, so « Nature de l’emploi » and « NATURE DE L'EMPLOI » are one column.
 */

/** An offer as the file describes it, checked. */
export interface ImportedOffer {
  reference: string;
  title: string;
  parentOrganisation: string;
  employer: string;
  versant: Versant;
  category: Category;
  nature: Nature;
  metier: string;
  domaine: string;
  departement: string;
  place: string;
  studyLevel: string;
  contractMonths: number | null;
  fullTime: boolean;
  publishedOn: string | null;
  endsOn: string | null;
  deadline: string | null;
  vacantFrom: string | null;
}

/** A header's key: lower case, no accents, letters and digits only. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The columns read, by their key; the first of each list that the file has is used. */
export const columns = {
  reference: ['reference', 'reference de l offre'],
  title: ['intitule', 'intitule du poste', 'intitule de l offre'],
  parentOrganisation: ['organisme de rattachement'],
  employer: ['employeur'],
  versant: ['versant'],
  category: ['categorie'],
  nature: ['nature de l emploi'],
  metier: ['metier', 'metier de reference'],
  domaine: ['domaine', 'domaine fonctionnel'],
  localisation: ['localisation', 'localisation du poste'],
  place: ['lieu d affectation'],
  studyLevel: ['niveau d etudes', 'niveau d etude'],
  contract: ['duree du contrat'],
  fullTime: ['temps plein'],
  publishedOn: ['date de publication', 'date de debut de publication'],
  endsOn: ['date de fin de publication'],
  deadline: ['date limite de candidature'],
  vacantFrom: ['date de vacance', 'date de vacance de l emploi', 'date de prise de poste'],
} as const;
export type Column = keyof typeof columns;
/** The columns a file must have. */
export const requiredColumns: readonly Column[] = [
  'reference',
  'title',
  'employer',
  'versant',
  'category',
  'metier',
  'domaine',
  'localisation',
];

/** A refused row: why, in French. */
export class RowRefused extends Error {}

const key = headerKey;

function versantOf(value: string): Versant {
  const v = key(value);
  if (/\betat\b|\bfpe\b/.test(v)) return 'etat';
  if (/territorial|\bfpt\b/.test(v)) return 'territoriale';
  if (/hospitali|\bfph\b/.test(v)) return 'hospitaliere';
  throw new RowRefused(`versant inconnu « ${value} »`);
}

function categoryOf(value: string): Category {
  const v = key(value).replace(/^categorie /, '');
  if (value.includes('A+') || v === 'a plus') return 'A+';
  if (v === 'a' || v === 'b' || v === 'c') return v.toUpperCase() as Category;
  if (v.startsWith('hors')) return 'hors_categorie';
  throw new RowRefused(`catégorie inconnue « ${value} »`);
}

function natureOf(value: string): Nature {
  const v = key(value);
  const titulaire = v.includes('titulaire') || v.includes('fonctionnaire');
  const contractuel = v.includes('contractuel');
  if (titulaire && contractuel) return 'Titulaire ou contractuel';
  if (contractuel) return 'Contractuel';
  if (titulaire || v === '') return 'Titulaire';
  throw new RowRefused(`nature de l’emploi inconnue « ${value} »`);
}

/** « Ille-et-Vilaine (35) », « 35 - Ille-et-Vilaine », « Bretagne, Finistère (29) ». */
function departementOf(value: string): string {
  const found = /\((\d{2}|2A|2B|97\d)\)/i.exec(value) ?? /(?:^|\D)(\d{2}|2A|2B|97\d)(?:\D|$)/i.exec(value);
  if (!found) throw new RowRefused(`localisation sans numéro de département « ${value} »`);
  return found[1]!.toUpperCase();
}

/** « 12 mois », « 3 ans », « 12 », empty or « Indéterminée » (a permanent post). */
function contractOf(value: string): number | null {
  const v = key(value);
  if (v === '' || v.includes('indetermin') || v === 'sans objet') return null;
  const found = /^(\d{1,3})\s*(mois|ans?)?$/.exec(v);
  if (!found) throw new RowRefused(`durée du contrat illisible « ${value} »`);
  const months = Number(found[1]) * (found[2]?.startsWith('an') ? 12 : 1);
  if (months < 1 || months > 120) throw new RowRefused(`durée du contrat hors limites « ${value} »`);
  return months;
}

function fullTimeOf(value: string): boolean {
  const v = key(value);
  if (v === '' || v === 'oui' || v === 'true' || v === '1' || v === 'temps plein') return true;
  if (v === 'non' || v === 'false' || v === '0' || v.includes('partiel')) return false;
  throw new RowRefused(`temps plein illisible « ${value} »`);
}

/** « 26/11/2026 » or « 2026-11-26 » (with or without a time), or empty. */
export function dateOf(value: string, label: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const french = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(v);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  const day = french ? `${french[3]}-${french[2]}-${french[1]}` : iso ? iso[0] : null;
  if (
    !day ||
    Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
    new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
  ) {
    throw new RowRefused(`${label} illisible « ${value} »`);
  }
  return day;
}

function text(value: string | undefined, label: string, max: number, required: boolean): string {
  const v = (value ?? '').trim();
  if (required && v === '') throw new RowRefused(`${label} manquant`);
  if (v.length > max) throw new RowRefused(`${label} trop long (${max} caractères au plus)`);
  return v;
}

/** Reads one row (values by column), or throws RowRefused with the reason. */
export function readRow(get: (column: Column) => string | undefined): ImportedOffer {
  const reference = text(get('reference'), 'référence', 40, true);
  if (!/^[A-Za-z0-9-]{1,40}$/.test(reference)) throw new RowRefused(`référence invalide « ${reference} »`);
  const localisation = text(get('localisation'), 'localisation', 200, true);
  const publishedOn = dateOf(get('publishedOn') ?? '', 'date de publication');
  const endsOn = dateOf(get('endsOn') ?? '', 'date de fin de publication');
  if (publishedOn && endsOn && endsOn < publishedOn) throw new RowRefused('fin de publication avant son début');
  return {
    reference,
    title: text(get('title'), 'intitulé', 200, true),
    parentOrganisation: text(get('parentOrganisation'), 'organisme de rattachement', 200, false),
    employer: text(get('employer'), 'employeur', 200, true),
    versant: versantOf(get('versant') ?? ''),
    category: categoryOf(get('category') ?? ''),
    nature: natureOf(get('nature') ?? ''),
    metier: text(get('metier'), 'métier', 120, true),
    domaine: text(get('domaine'), 'domaine', 120, true),
    departement: departementOf(localisation),
    place: text(get('place'), 'lieu d’affectation', 120, false) || localisation.replace(/\s*\(.*\)\s*$/, ''),
    studyLevel: text(get('studyLevel'), 'niveau d’études', 120, false) || 'Non précisé',
    contractMonths: contractOf(get('contract') ?? ''),
    fullTime: fullTimeOf(get('fullTime') ?? ''),
    publishedOn,
    endsOn,
    deadline: dateOf(get('deadline') ?? '', 'date limite de candidature'),
    vacantFrom: dateOf(get('vacantFrom') ?? '', 'date de vacance'),
  };
}
