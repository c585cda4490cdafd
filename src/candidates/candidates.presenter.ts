import type { CareerItem, LanguageSkill, PostalAddress } from '../vault/index.js';
import { departementName, languageName } from './choices.js';
import type { CvSummary } from './cvs.js';
import type { OwnProfile } from './profile.js';

/*
 * What leaves the candidate domain for a page: each view names its fields, and nothing else of
 * the records read through the door goes out.
 */

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** « 2026-01-05 » → « 5 janvier 2026 »; a value that is not a date is shown as it is. */
export function frenchDay(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(`${iso}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** « 2024-03 » → « 03/2024 ». */
export function frenchMonth(month: string | null): string | null {
  if (!month) return null;
  const [year, number] = month.split('-');
  return number ? `${number}/${year}` : month;
}

export function addressLine(address: PostalAddress | null): string | null {
  return address ? `${address.line}, ${address.postcode} ${address.commune}` : null;
}

export function periodOf(item: CareerItem): string {
  return item.to ? `De ${frenchMonth(item.from)} à ${frenchMonth(item.to)}` : `Depuis ${frenchMonth(item.from)}`;
}

export function languagesLine(languages: readonly LanguageSkill[]): string {
  return languages.map((language) => `${languageName(language.code)} (${language.level})`).join(', ');
}

const listOrNone = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'Aucun choix');

export interface ProfileView {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  career: { index: number; title: string; employer: string; period: string }[];
  postsSought: string;
  categoriesSought: string;
  regions: string;
  departements: string;
  languages: string;
  aspirations: string;
  inPool: boolean;
}

export function profileView(profile: OwnProfile): ProfileView {
  const { identity, wishes } = profile;
  return {
    lastName: identity.lastName,
    firstName: identity.firstName,
    birthDate: frenchDay(identity.birthDate),
    email: identity.email,
    phone: identity.phone,
    address: addressLine(identity.address),
    career: wishes.career.map((item, index) => ({
      index,
      title: item.title,
      employer: item.employer,
      period: periodOf(item),
    })),
    postsSought: listOrNone(wishes.postsSought),
    categoriesSought: listOrNone(wishes.categoriesSought.map((category) => `Catégorie ${category}`)),
    regions: listOrNone(wishes.zones.regions),
    departements: listOrNone(wishes.zones.departements.map(departementName)),
    languages: wishes.languages.length > 0 ? languagesLine(wishes.languages) : 'Aucune langue indiquée',
    aspirations: wishes.aspirations || 'Non renseigné',
    inPool: profile.inPool,
  };
}

/** The parts of a profile still empty, as the home names them. */
export function missingParts(profile: OwnProfile): string[] {
  const { identity, wishes } = profile;
  const missing: string[] = [];
  if (!identity.phone && !identity.email) missing.push('vos coordonnées');
  if (wishes.career.length === 0) missing.push('votre parcours');
  if (wishes.postsSought.length === 0) missing.push('les postes recherchés');
  if (wishes.zones.regions.length === 0 && wishes.zones.departements.length === 0) missing.push('les zones souhaitées');
  if (!wishes.aspirations) missing.push('votre projet professionnel');
  return missing;
}

export interface CvView {
  id: string;
  label: string;
  size: string;
  uploadedOn: string;
}

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function sizeInWords(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${sizeFormat.format(Math.max(1, Math.round(bytes / 1024)))} ko`
    : `${sizeFormat.format(bytes / (1024 * 1024))} Mo`;
}

export function cvView(cv: CvSummary): CvView {
  return {
    id: cv.id,
    label: cv.label,
    size: sizeInWords(cv.sizeBytes),
    uploadedOn: dateFormat.format(cv.uploadedAt),
  };
}
