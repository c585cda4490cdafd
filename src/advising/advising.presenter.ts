import type { PostalAddress } from '../vault/index.js';
import { parisDay } from '../kernel/clock.js';
import { frenchDay } from '../ui/index.js';
import { seatsInWords } from '../training/index.js';
import { eventLabel, registrationLabel, statusLabel, statusTone } from './advising.policy.js';
import type { SessionRow } from './advising.repo.js';
import type { EventRow, ReferralRow } from './referrals.repo.js';

/*
 * The views the advisors' and the job seeker's pages are drawn from: each names the fields it
 * copies, so that a row or a record never reaches a template whole.
 */

/** One job seeker of the advisor's portfolio, in a list. */
export interface PersonLine {
  personId: string;
  name: string;
  franceTravailId: string;
  registration: string;
}

export function personLine(record: {
  id: string;
  lastName: string | null;
  firstName: string | null;
  franceTravailId?: string | null;
  registrationStatus?: string | null;
}): PersonLine {
  return {
    personId: record.id,
    name: fullName(record),
    franceTravailId: record.franceTravailId ?? 'Non renseigné',
    registration: registrationLabel(record.registrationStatus ?? null),
  };
}

/** « NOM Prénom », as France Travail's files write a person. */
export function fullName(record: { lastName: string | null; firstName: string | null }): string {
  return [record.lastName?.toLocaleUpperCase('fr-FR'), record.firstName].filter(Boolean).join(' ') || 'Sans nom';
}

/** A job seeker's contact details on their page. */
export interface ContactView {
  email: string;
  phone: string;
  address: string;
}

export function contactView(record: {
  email: string | null;
  phone: string | null;
  address: PostalAddress | null;
}): ContactView {
  const address = record.address;
  return {
    email: record.email ?? 'Non renseignée',
    phone: record.phone ?? 'Non renseigné',
    address: address ? `${address.line}, ${address.postcode} ${address.commune}` : 'Non renseignée',
  };
}

/** One declaration of the training organisation, in words. */
export interface EventView {
  label: string;
  on: string;
  detail: string | null;
}

/** A referral and the progress of its training. */
export interface ReferralView {
  referralId: string;
  session: string;
  organisation: string;
  place: string;
  dates: string;
  referredOn: string;
  status: string;
  tone: ReturnType<typeof statusTone>;
  note: string | null;
  events: EventView[];
}

/** What every list of referrals says of one: the session, its dates, when it was made, its status. */
export function referralSummary(row: {
  sessionTitle: string;
  organisationName: string;
  startsOn: string;
  endsOn: string;
  referredAt: Date;
  status: string;
}) {
  return {
    session: row.sessionTitle,
    organisation: row.organisationName,
    dates: `du ${frenchDay(row.startsOn)} au ${frenchDay(row.endsOn)}`,
    referredOn: frenchDay(parisDay(row.referredAt)),
    status: statusLabel(row.status),
    tone: statusTone(row.status),
  };
}

export function referralView(
  row: ReferralRow,
  events: readonly EventRow[],
  texts: { notes: ReadonlyMap<string, string | null>; details: ReadonlyMap<string, string | null> },
): ReferralView {
  return {
    referralId: row.id,
    ...referralSummary(row),
    place: row.place,
    note: texts.notes.get(row.id) ?? null,
    events: events
      .filter((event) => event.referralId === row.id)
      .map((event) => ({
        label: eventLabel(event.kind),
        on: frenchDay(event.occurredOn),
        detail: texts.details.get(event.id) ?? null,
      })),
  };
}

/** A session offered on the referral form. */
export interface SessionChoiceView {
  sessionId: string;
  title: string;
  details: string;
}

export function sessionChoice(row: SessionRow): SessionChoiceView {
  const code = row.formacode ? ` · Formacode ${row.formacode}` : '';
  return {
    sessionId: row.id,
    title: row.title,
    details: `${row.organisationName} · ${row.place} (${row.departement}) · du ${frenchDay(row.startsOn)} au ${frenchDay(row.endsOn)} · ${seatsInWords(row)}${code}`,
  };
}
