import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { OfferStatus } from './offers.labels.js';
import { insertDraft, type OfferFields } from './offers.write.js';

/** A complete offer's fields (every art. 3 field filled), for tests to vary. */
export function offerFields(overrides: Partial<OfferFields> = {}): OfferFields {
  return {
    title: 'Gestionnaire des ressources humaines (H/F)',
    vacancyKind: 'vacance',
    grades: 'Secrétaire administratif',
    category: 'B',
    nature: 'Titulaire ou contractuel',
    metier: 'Gestionnaire des ressources humaines',
    domaine: 'Ressources humaines',
    departement: '35',
    place: 'Rennes',
    service: 'Service du personnel',
    parentOrganisation: 'Ministère de l’Intérieur',
    recruitingAuthority: 'Le préfet de région',
    description: 'Vous gérez les carrières des agents du service.',
    profile: 'Connaissance du statut général.',
    conditions: null,
    studyLevel: 'Niveau 4 (Bac)',
    contractMonths: null,
    fullTime: true,
    vacantFrom: '2026-12-01',
    applyTo: 'Bureau des ressources humaines',
    deadline: '2026-12-31',
    remuneration: null,
    ...overrides,
  };
}

/** An employer organisation, for tests. */
export async function insertEmployer(db: Db, name: string, versant = 'etat'): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO organisations (id, kind, name, versant, departement) VALUES ($1, 'employer', $2, $3, '35')`,
    [id, name, versant],
  );
  return id;
}

/**
 * An offer of `employerId`, written as a draft and then put in `status`, published on
 * `publishedOn` (at noon UTC) when it is not a draft. Returns its id and reference.
 */
export async function insertOffer(
  db: Db,
  employerId: string,
  options: { status?: OfferStatus; publishedOn?: string; versant?: string; fields?: Partial<OfferFields> } = {},
): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const reference = `2026-T${id.slice(0, 8).toUpperCase()}`;
  const at = new Date('2026-11-01T09:00:00Z');
  await insertDraft(
    db,
    { id, reference, employerId, versant: (options.versant ?? 'etat') as never, createdBy: null as never, at },
    offerFields(options.fields),
  );
  const status = options.status ?? 'published';
  if (status !== 'draft') {
    const day = options.publishedOn ?? '2026-11-20';
    await db.query(
      `UPDATE offers SET status = $2, published_on = $3::date, published_at = ($3 || 'T12:00:00Z')::timestamptz,
         publication_ends_on = $3::date + 40 WHERE id = $1`,
      [id, status, day],
    );
  }
  return { id, reference };
}
