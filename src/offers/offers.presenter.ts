import { frenchDay } from './dates.js';
import {
  categoryLabels,
  contractLabels,
  natureLabels,
  statusLabels,
  vacancyKindLabels,
  versantLabels,
  type OfferStatus,
} from './offers.labels.js';
import type { OfferRow, OfferSummaryRow } from './offers.repo.js';

/*
 * What leaves the offers domain for a page: each view names its fields. Offers hold no personal
 * data, but a row still never reaches a template whole (STYLE.md rule 5): `created_by` and the
 * employer's id stay here.
 */

/** A result of the public search. */
export interface OfferCardView {
  href: string;
  reference: string;
  title: string;
  employer: string;
  where: string;
  tags: string[];
  publishedOn: string;
  deadline: string;
}

const contractOf = (months: number | null) =>
  months === null ? contractLabels.permanent : `${contractLabels.duree_determinee} (${months} mois)`;

/** A line of the public results. */
export function offerCardView(row: OfferSummaryRow): OfferCardView {
  return {
    href: `/offres/${encodeURIComponent(row.reference)}`,
    reference: row.reference,
    title: row.title,
    employer: row.employer,
    where: `${row.place} (${row.departement})`,
    tags: [categoryLabels[row.category], versantLabels[row.versant], contractOf(row.contract_months)],
    publishedOn: frenchDay(row.published_on),
    deadline: frenchDay(row.deadline),
  };
}

/** An offer's own page: every field of décret n° 2018-1351 art. 3, then the open data's others. */
export interface OfferPageView {
  reference: string;
  title: string;
  employer: string;
  open: boolean;
  missions: string;
  profile: string;
  rows: { label: string; value: string }[];
}

/**
 * Said in place of an art. 3 field the offer does not give: a recruiter cannot publish without
 * them (offers.policy.ts), so only offers taken from the DGAFP's open-data file, which leaves
 * them out, lack one. The field is shown empty rather than hidden.
 */
export const NOT_GIVEN = 'Non communiqué par l’employeur';

/** The public page of an offer. */
export function offerPageView(row: OfferRow): OfferPageView {
  const required = (value: string | null) => (value && value.trim() !== '' ? value : NOT_GIVEN);
  const rows: [string, string | null][] = [
    ['Référence', row.reference],
    ['Versant', versantLabels[row.versant]],
    ['Création ou vacance', vacancyKindLabels[row.vacancy_kind]],
    ['Catégorie', categoryLabels[row.category]],
    ['Corps, cadre d’emplois ou grade', required(row.grades)],
    ['Autorité de recrutement', required(row.recruiting_authority)],
    ['Employeur', row.employer],
    ['Organisme de rattachement', row.parent_organisation],
    ['Service', row.service],
    ['Métier', row.metier],
    ['Domaine', row.domaine],
    ['Nature de l’emploi', natureLabels[row.nature]],
    ['Contrat', contractOf(row.contract_months)],
    ['Temps de travail', row.full_time ? 'Temps plein' : 'Temps partiel'],
    ['Localisation', `${row.place} (${row.departement})`],
    ['Niveau d’études', row.study_level],
    ['Conditions particulières d’exercice', row.conditions],
    ['Rémunération', row.remuneration],
    ['Date de vacance de l’emploi', required(frenchDay(row.vacant_from))],
    ['Candidatures à adresser à', required(row.apply_to)],
    ['Date limite de candidature', frenchDay(row.deadline)],
    ['Publiée le', frenchDay(row.published_on)],
  ];
  return {
    reference: row.reference,
    title: row.title,
    employer: row.employer,
    open: row.status === 'published',
    missions: required(row.description),
    profile: required(row.profile),
    rows: rows.filter(([, value]) => value).map(([label, value]) => ({ label, value: value! })),
  };
}

/** A line of a recruiter's list of their employer's offers. */
export interface OwnOfferView {
  id: string;
  href: string;
  reference: string;
  title: string;
  status: OfferStatus;
  statusLabel: string;
  publishedOn: string;
  deadline: string;
}

export function ownOfferView(row: OfferSummaryRow): OwnOfferView {
  return {
    id: row.id,
    href: `/recrutement/offres/${row.id}`,
    reference: row.reference,
    title: row.title,
    status: row.status,
    statusLabel: statusLabels[row.status],
    publishedOn: frenchDay(row.published_on) || '—',
    deadline: frenchDay(row.deadline) || '—',
  };
}
