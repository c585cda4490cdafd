import { frenchDay, type BadgeKind } from '../ui/index.js';
import type { ExitOutcome, InterruptionReason, PostalAddress, ReferralEventKind } from '../vault/index.js';
import type { DueRow } from './dues.repo.js';
import type { EventRow, TraineeRow } from './referrals.repo.js';
import type { ReferralStatus } from './training.policy.js';
import { isLate } from './training.policy.js';
import type { Funding, SessionRow } from './training.repo.js';
import type { TraineeIdentity } from './trainees.js';

/*
 * Names each field that leaves the training side, for the pages and the API, and the French
 * words of its codes. A view copies the fields it names; nothing else reaches a page or a reply.
 */

export const statusLabels: Record<ReferralStatus, [string, BadgeKind]> = {
  referred: ['À traiter', 'new'],
  accepted: ['Acceptée', 'info'],
  refused: ['Refusée', 'error'],
  entered: ['En formation', 'success'],
  interrupted: ['Interrompue', 'warning'],
  exited: ['Sortie', 'success'],
  declined: ['Déclinée', 'warning'],
};

export const fundingLabels: Record<Funding, string> = {
  afc: 'Action de formation conventionnée (AFC)',
  aif: 'Aide individuelle à la formation (AIF)',
  poe: 'Préparation opérationnelle à l’emploi (POE)',
  region: 'Région',
  cpf: 'Compte personnel de formation (CPF)',
  other: 'Autre financement',
};

/** Each declaration's form, posted under the referral's address (`/organisme/orientations/:id/…`). */
export const declarationPaths = {
  entry: 'entree',
  attendance: 'presence',
  interruption: 'interruption',
  resumption: 'reprise',
  exit: 'sortie',
} as const satisfies Record<ReferralEventKind, string>;

/** The last interruption declared among a referral's declarations (by declaration, then date), if any. */
export function lastInterruption<E extends Pick<EventView, 'kind' | 'occurredOn' | 'declaredAt'>>(
  events: readonly E[],
): E | undefined {
  const at = (event: E) => event.declaredAt.getTime();
  const later = (a: E, b: E) => at(a) > at(b) || (at(a) === at(b) && a.occurredOn >= b.occurredOn);
  return events
    .filter((event) => event.kind === 'interruption')
    .reduce<E | undefined>((last, event) => (!last || later(event, last) ? event : last), undefined);
}

export const eventLabels: Record<ReferralEventKind, string> = {
  entry: 'Entrée en formation',
  attendance: 'Présence du mois',
  interruption: 'Interruption',
  resumption: 'Reprise de la formation',
  exit: 'Sortie de formation',
};

export const reasonLabels: Record<InterruptionReason, string> = {
  abandonment: 'Abandon du stagiaire',
  of_postponed: 'Interruption par l’organisme, avec report',
  of_cancelled: 'Interruption par l’organisme, sans report',
  force_majeure: 'Force majeure',
};

export const outcomeLabels: Record<ExitOutcome, string> = {
  certified: 'Formation achevée, certification obtenue',
  partially_certified: 'Formation achevée, certification partielle',
  not_certified: 'Formation achevée, certification non obtenue',
  completed: 'Formation achevée (sans certification visée)',
  employment: 'Sortie anticipée pour un emploi',
};

const frenchMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const frenchTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

export const monthInWords = (day: string) => frenchMonth.format(new Date(`${day}T00:00:00Z`));
export const timeInWords = (at: Date) => frenchTime.format(at);

export interface SessionView {
  id: string;
  title: string;
  formacode: string | null;
  place: string;
  departement: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  funding: Funding;
  referrals: number;
  open: number;
  seatsTaken: number;
}

/** « 12 places, 3 libres », « 1 place, complète » (held by accepted trainees or in training). */
export function seatsInWords(row: { capacity: number; seatsTaken: number }): string {
  // French counts 0 and 1 in the singular.
  const count = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`;
  const free = Math.max(0, row.capacity - row.seatsTaken);
  const places = count(row.capacity, 'place', 'places');
  return free === 0 ? `${places}, complète` : `${places}, ${count(free, 'libre', 'libres')}`;
}

export function sessionView(row: SessionRow): SessionView {
  return {
    id: row.id,
    title: row.title,
    formacode: row.formacode,
    place: row.place,
    departement: row.departement,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    capacity: row.capacity,
    funding: row.funding,
    referrals: row.referrals,
    open: row.open,
    seatsTaken: row.seatsTaken,
  };
}

/** A trainee in a list: the referral, its status, and nom, prénom, France Travail identifier. */
export interface TraineeView {
  referralId: string;
  sessionId: string;
  status: ReferralStatus;
  lastName: string;
  firstName: string;
  franceTravailId: string | null;
}

export function traineeView(row: TraineeRow & TraineeIdentity): TraineeView {
  return {
    referralId: row.referralId,
    sessionId: row.sessionId,
    status: row.status,
    lastName: row.lastName,
    firstName: row.firstName,
    franceTravailId: row.franceTravailId,
  };
}

export interface EventView {
  kind: ReferralEventKind;
  occurredOn: string;
  reason: InterruptionReason | null;
  outcome: ExitOutcome | null;
  daysPresent: number | null;
  declaredOn: string;
  /** When it was declared, to the millisecond: the order of declarations made the same day. */
  declaredAt: Date;
  late: boolean;
}

export function eventView(row: EventRow): EventView {
  const declaredOn = row.declaredAt.toISOString().slice(0, 10);
  return {
    kind: row.kind,
    occurredOn: row.occurredOn,
    reason: row.reason,
    outcome: row.outcome,
    daysPresent: row.daysPresent,
    declaredOn,
    declaredAt: row.declaredAt,
    late: isLate(row.kind, row.occurredOn, declaredOn),
  };
}

export interface DueView extends TraineeIdentity {
  referralId: string;
  sessionTitle: string;
  kind: 'entry' | 'attendance' | 'exit';
  period: string;
  dueOn: string;
  late: boolean;
}

export function dueView(row: DueRow & TraineeIdentity & { late: boolean }): DueView {
  return {
    referralId: row.referralId,
    sessionTitle: row.sessionTitle,
    kind: row.kind,
    period: row.period,
    dueOn: row.dueOn,
    late: row.late,
    lastName: row.lastName,
    firstName: row.firstName,
    franceTravailId: row.franceTravailId,
  };
}

/** What a due row says is owed, in French: « Présence de novembre 2026 ». */
export function dueLabel(due: Pick<DueView, 'kind' | 'period'>): string {
  if (due.kind === 'attendance') return `Présence de ${monthInWords(due.period)}`;
  return due.kind === 'entry'
    ? `Entrée (session commencée le ${frenchDay(due.period)})`
    : `Sortie (session finie le ${frenchDay(due.period)})`;
}

export interface ContactView {
  email: string | null;
  phone: string | null;
  address: PostalAddress | null;
}

export function contactView(contact: ContactView): ContactView {
  return {
    email: contact.email,
    phone: contact.phone,
    address: contact.address
      ? {
          line: contact.address.line,
          postcode: contact.address.postcode,
          commune: contact.address.commune,
          departement: contact.address.departement,
        }
      : null,
  };
}
