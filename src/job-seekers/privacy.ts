import { eventLabel, eventsOf, ownReferrals, statusLabel } from '../advising/index.js';
import { parisDay } from '../kernel/clock.js';
import type { PrivacyItem, PrivacySection } from '../privacy/section.js';
import { ownDeclarations, ownReferralNotes } from './job-seekers.purposes.js';
import { jobSeekerOf } from './trainings.js';

/**
 * The job seeker's part of « Mes données » (GDPR art. 15 and 20): their referrals with the note
 * their advisor wrote for the training organisation, and every declaration the organisations
 * made about their trainings, details included. Read through the vault as the job seeker, so
 * the export itself is in their « Mes accès ».
 */
export const referralsSection: PrivacySection = {
  key: 'orientations',
  title: 'Orientations vers une formation',
  roles: ['job_seeker'],
  labels: {
    session: 'Session de formation',
    organisme: 'Organisme de formation',
    lieu: 'Lieu',
    debut: 'Début de la session',
    fin: 'Fin de la session',
    orienteLe: 'Orientation faite le',
    statut: 'Statut',
    note: 'Note du conseiller pour l’organisme',
  },
  async collect(deps, actor) {
    const rows = await ownReferrals(deps.db, jobSeekerOf(actor));
    const ids = rows.map((row) => row.id);
    const notes = ids.length > 0 ? await deps.vault.read(actor, ownReferralNotes, ids) : [];
    const noteOf = new Map(notes.map((record) => [record.id, record.note]));
    return rows.map((row): PrivacyItem => ({
      session: row.sessionTitle,
      organisme: row.organisationName,
      lieu: row.place,
      debut: row.startsOn,
      fin: row.endsOn,
      orienteLe: parisDay(row.referredAt),
      statut: statusLabel(row.status),
      note: noteOf.get(row.id) ?? null,
    }));
  },
};

export const declarationsSection: PrivacySection = {
  key: 'declarations',
  title: 'Déclarations des organismes de formation',
  roles: ['job_seeker'],
  labels: {
    session: 'Session de formation',
    declaration: 'Déclaration',
    date: 'Date',
    detail: 'Précisions de l’organisme',
  },
  async collect(deps, actor) {
    const rows = await ownReferrals(deps.db, jobSeekerOf(actor));
    const events = await eventsOf(
      deps.db,
      rows.map((row) => row.id),
    );
    const kept = events.slice(-ownDeclarations.pageCap);
    const details =
      kept.length > 0
        ? await deps.vault.read(
            actor,
            ownDeclarations,
            kept.map((e) => e.id),
          )
        : [];
    const detailOf = new Map(details.map((record) => [record.id, record.detail]));
    const sessionOf = new Map(rows.map((row) => [row.id, row.sessionTitle]));
    return kept.map((event): PrivacyItem => ({
      session: sessionOf.get(event.referralId) ?? null,
      declaration: eventLabel(event.kind),
      date: event.occurredOn,
      detail: detailOf.get(event.id) ?? null,
    }));
  },
};

export const jobSeekerSections: readonly PrivacySection[] = [referralsSection, declarationsSection];
