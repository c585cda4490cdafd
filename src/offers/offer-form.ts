import { z } from 'zod';
import { formFields } from '../http/kit/index.js';
import { categories, natures, vacancyKinds } from './offers.labels.js';
import type { OfferRow } from './offers.repo.js';
import type { OfferFields } from './offers.write.js';

const optionalDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), {
      error: message,
    })
    .transform((value) => (value === '' ? null : value));

/** The offer form: what a recruiter types. A draft needs the first block; art. 3 needs the rest to publish. */
export const offerFormFields = z.strictObject({
  title: formFields.text('Indiquez l’intitulé du poste.', 200),
  vacancyKind: formFields.choice(vacancyKinds, 'Dites s’il s’agit d’une création ou d’une vacance d’emploi.'),
  category: formFields.choice(categories, 'Choisissez la catégorie statutaire.'),
  grades: formFields.optionalText(200),
  nature: formFields.choice(natures, 'Choisissez la nature de l’emploi.'),
  metier: formFields.text('Indiquez le métier.', 120),
  domaine: formFields.text('Indiquez le domaine.', 120),
  departement: z
    .string({ error: 'Indiquez le numéro du département, par exemple 35 ou 2A.' })
    .trim()
    .regex(/^(\d{2}|2A|2B|97\d)$/, { error: 'Indiquez le numéro du département, par exemple 35 ou 2A.' }),
  place: formFields.text('Indiquez la commune du poste.', 120),
  service: formFields.optionalText(200),
  parentOrganisation: formFields.optionalText(200),
  recruitingAuthority: formFields.optionalText(200),
  description: formFields.optionalText(5000),
  profile: formFields.optionalText(5000),
  conditions: formFields.optionalText(2000),
  studyLevel: formFields.text('Indiquez le niveau d’études attendu.', 120),
  contractMonths: z
    .string({ error: 'Indiquez une durée en mois, de 1 à 120, ou laissez vide.' })
    .trim()
    .refine((value) => value === '' || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 120), {
      error: 'Indiquez une durée en mois, de 1 à 120, ou laissez vide.',
    })
    .transform((value) => (value === '' ? null : Number(value))),
  fullTime: formFields.checkbox(),
  vacantFrom: optionalDate('Indiquez une date valide, par exemple 2026-12-01.'),
  applyTo: formFields.optionalText(300),
  deadline: optionalDate('Indiquez une date valide, par exemple 2026-12-31.'),
  remuneration: formFields.optionalText(300),
});
export type OfferFormValues = z.output<typeof offerFormFields>;
export type OfferFormField = keyof z.input<typeof offerFormFields> & string;

/** The stored fields from what the form sent. */
export function fieldsOf(values: OfferFormValues): OfferFields {
  return {
    ...values,
    grades: values.grades ?? '',
    service: values.service ?? '',
    parentOrganisation: values.parentOrganisation ?? '',
    recruitingAuthority: values.recruitingAuthority ?? '',
    description: values.description ?? '',
    profile: values.profile ?? '',
    conditions: values.conditions ?? null,
    applyTo: values.applyTo ?? '',
    remuneration: values.remuneration ?? null,
  };
}

/** The form's values for an offer being edited. */
export function formValuesOf(offer: OfferRow): Partial<Record<OfferFormField, string>> {
  return {
    title: offer.title,
    vacancyKind: offer.vacancy_kind,
    category: offer.category,
    grades: offer.grades,
    nature: offer.nature,
    metier: offer.metier,
    domaine: offer.domaine,
    departement: offer.departement,
    place: offer.place,
    service: offer.service,
    parentOrganisation: offer.parent_organisation,
    recruitingAuthority: offer.recruiting_authority,
    description: offer.description,
    profile: offer.profile,
    conditions: offer.conditions ?? '',
    studyLevel: offer.study_level,
    contractMonths: offer.contract_months === null ? '' : String(offer.contract_months),
    ...(offer.full_time ? { fullTime: 'on' } : {}),
    vacantFrom: offer.vacant_from ?? '',
    applyTo: offer.apply_to,
    deadline: offer.deadline ?? '',
    remuneration: offer.remuneration ?? '',
  };
}
