import type { Queryable } from '../db/client.js';
import type { Category, Nature, OfferStatus, VacancyKind, Versant } from './offers.labels.js';
import { transitions, type Transition } from './offers.policy.js';

/** What a recruiter writes in an offer (the employer, its versant and the status are not theirs to set). */
export interface OfferFields {
  title: string;
  vacancyKind: VacancyKind;
  grades: string;
  category: Category;
  nature: Nature;
  metier: string;
  domaine: string;
  departement: string;
  place: string;
  service: string;
  parentOrganisation: string;
  recruitingAuthority: string;
  description: string;
  profile: string;
  conditions: string | null;
  studyLevel: string;
  contractMonths: number | null;
  fullTime: boolean;
  vacantFrom: string | null;
  applyTo: string;
  deadline: string | null;
  remuneration: string | null;
}

// Column order shared by the insert and the update below.
const columns = [
  'title',
  'vacancy_kind',
  'grades',
  'category',
  'nature',
  'metier',
  'domaine',
  'departement',
  'place',
  'service',
  'parent_organisation',
  'recruiting_authority',
  'description',
  'profile',
  'conditions',
  'study_level',
  'contract_months',
  'full_time',
  'vacant_from',
  'apply_to',
  'deadline',
  'remuneration',
] as const;

function valuesOf(fields: OfferFields): unknown[] {
  return [
    fields.title,
    fields.vacancyKind,
    fields.grades,
    fields.category,
    fields.nature,
    fields.metier,
    fields.domaine,
    fields.departement,
    fields.place,
    fields.service,
    fields.parentOrganisation,
    fields.recruitingAuthority,
    fields.description,
    fields.profile,
    fields.conditions,
    fields.studyLevel,
    fields.contractMonths,
    fields.fullTime,
    fields.vacantFrom,
    fields.applyTo,
    fields.deadline,
    fields.remuneration,
  ];
}

/** Inserts a draft of the employer, written by `createdBy`. */
export async function insertDraft(
  db: Queryable,
  draft: { id: string; reference: string; employerId: string; versant: Versant; createdBy: string; at: Date },
  fields: OfferFields,
): Promise<void> {
  const fixed = [draft.id, draft.reference, draft.employerId, draft.versant, draft.createdBy, draft.at];
  const placeholders = columns.map((_, i) => `$${i + 7}`).join(', ');
  await db.query(
    `INSERT INTO offers (id, reference, employer_id, versant, created_by, created_at, updated_at, status, ${columns.join(', ')})
     VALUES ($1, $2, $3, $4, $5, $6, $6, 'draft', ${placeholders})`,
    [...fixed, ...valuesOf(fields)],
  );
}

/** Updates an offer of this employer still open to edits; false when there is none. */
export async function updateOffer(
  db: Queryable,
  target: { id: string; employerId: string; at: Date },
  fields: OfferFields,
): Promise<boolean> {
  const sets = columns.map((column, i) => `${column} = $${i + 4}`).join(', ');
  const { rows } = await db.query(
    `UPDATE offers SET ${sets}, updated_at = $3
     WHERE id = $1 AND employer_id = $2 AND status IN ('draft', 'published') RETURNING id`,
    [target.id, target.employerId, target.at, ...valuesOf(fields)],
  );
  return rows.length === 1;
}

/**
 * Moves an offer of this employer, only from the statuses the move leaves from; false when the
 * offer is not this employer's or not in such a status. Publishing stamps its dates.
 */
export async function moveOffer(
  db: Queryable,
  target: { id: string; employerId: string; at: Date },
  move: Transition,
  publication?: { from: string; until: string },
): Promise<boolean> {
  const { from, to } = transitions[move];
  const params: unknown[] = [target.id, target.employerId, [...from] as OfferStatus[], to, target.at];
  let extra = '';
  if (move === 'publish' && publication) {
    params.push(publication.from, publication.until);
    extra = `, published_on = $6, published_at = $5, publication_ends_on = $7, deadline = coalesce(deadline, $7)`;
  }
  const { rows } = await db.query(
    `UPDATE offers SET status = $4, updated_at = $5${extra}
     WHERE id = $1 AND employer_id = $2 AND status = ANY($3::text[]) RETURNING id`,
    params,
  );
  return rows.length === 1;
}
