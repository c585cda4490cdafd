import type { Db } from '../db/client.js';
import type { SeedPortfolio, SeedReferral } from './kairos.js';
import type { SeedOffer } from './offers.js';
import type { SeedOrganisation } from './organisations.js';
import type { SeedSession } from './trainings.js';

/**
 * Batched inserts of the tables that hold no personal data, one statement per chunk through
 * unnest(), which PGlite and PostgreSQL both run. Personal data never passes here: it goes
 * through the vault, which encrypts, indexes and logs it.
 */

const CHUNK = 5000;

async function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < rows.length; at += CHUNK) await write(rows.slice(at, at + CHUNK));
}

export function insertOrganisations(db: Db, rows: readonly SeedOrganisation[]) {
  return inChunks(rows, (chunk) =>
    db.query(
      `INSERT INTO organisations (id, kind, name, versant, siret, departement)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        chunk.map((o) => o.id),
        chunk.map((o) => o.kind),
        chunk.map((o) => o.name),
        chunk.map((o) => o.versant),
        chunk.map((o) => o.siret),
        chunk.map((o) => o.departement),
      ],
    ),
  );
}

export function insertSessions(db: Db, rows: readonly SeedSession[]) {
  return inChunks(rows, (chunk) =>
    db.query(
      `INSERT INTO training_sessions (id, organisation_id, title, formacode, departement, place, starts_on, ends_on, capacity)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::int[])`,
      [
        chunk.map((s) => s.id),
        chunk.map((s) => s.organisationId),
        chunk.map((s) => s.title),
        chunk.map((s) => s.formacode),
        chunk.map((s) => s.departement),
        chunk.map((s) => s.place),
        chunk.map((s) => s.startsOn),
        chunk.map((s) => s.endsOn),
        chunk.map((s) => s.capacity),
      ],
    ),
  );
}

export function insertOffers(db: Db, rows: readonly SeedOffer[]) {
  return inChunks(rows, (chunk) =>
    db.query(
      `INSERT INTO offers (id, reference, title, employer_id, versant, category, nature, metier, domaine, departement, place,
         study_level, contract_months, full_time, description, status, published_on, publication_ends_on, deadline, created_by)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::boolean[], $15::text[], $16::text[], $17::date[],
         $18::date[], $19::date[], $20::uuid[])`,
      [
        chunk.map((o) => o.id),
        chunk.map((o) => o.reference),
        chunk.map((o) => o.title),
        chunk.map((o) => o.employerId),
        chunk.map((o) => o.versant),
        chunk.map((o) => o.category),
        chunk.map((o) => o.nature),
        chunk.map((o) => o.metier),
        chunk.map((o) => o.domaine),
        chunk.map((o) => o.departement),
        chunk.map((o) => o.place),
        chunk.map((o) => o.studyLevel),
        chunk.map((o) => o.contractMonths),
        chunk.map((o) => o.fullTime),
        chunk.map((o) => o.description),
        chunk.map((o) => o.status),
        chunk.map((o) => o.publishedOn),
        chunk.map((o) => o.publicationEndsOn),
        chunk.map((o) => o.deadline),
        chunk.map((o) => o.createdBy),
      ],
    ),
  );
}

export function insertReferrals(db: Db, rows: readonly SeedReferral[]) {
  return inChunks(rows, (chunk) =>
    db.query(
      `INSERT INTO referrals (id, session_id, person_id, referred_by, status, referred_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::timestamptz[])`,
      [
        chunk.map((r) => r.id),
        chunk.map((r) => r.sessionId),
        chunk.map((r) => r.personId),
        chunk.map((r) => r.referredBy),
        chunk.map((r) => r.status),
        chunk.map((r) => r.referredAt),
      ],
    ),
  );
}

export function insertPortfolios(db: Db, rows: readonly SeedPortfolio[]) {
  return inChunks(rows, (chunk) =>
    db.query(
      `INSERT INTO portfolios (advisor_id, person_id, since) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[])`,
      [chunk.map((p) => p.advisorId), chunk.map((p) => p.personId), chunk.map((p) => p.since)],
    ),
  );
}
