import type { Role } from '../kernel/roles.js';

/** Roles of accounts: defined in the kernel, re-exported here for the vault's callers. */
export type { Role };

/** Who is asking. Built by the identity layer from a session, or by the CLI for the platform. */
export type Actor =
  | {
      kind: 'account';
      accountId: string;
      role: Role;
      organisationId: string | null;
      personId: string | null;
      sessionId: string | null;
      clientAddr: string | null;
    }
  /**
   * The platform itself (seeding, key rotation, mail delivery, the demo mailbox). Never built
   * from a request: request code acts as the account that asks, or as the person registering.
   */
  | { kind: 'system'; task: string };

/** The platform, doing `task`. */
export function platformActor(task: string): Actor {
  return { kind: 'system', task };
}

export interface PostalAddress {
  line: string;
  postcode: string;
  commune: string;
  departement: string;
}

export type RegistrationStatus = 'inscrit' | 'radie';

/** A person as written through the vault. */
export interface NewPerson {
  id: string;
  kind: 'job_seeker' | 'candidate';
  lastName: string;
  firstName: string;
  birthDate: string | null;
  address: PostalAddress | null;
  email: string | null;
  phone: string | null;
  franceTravailId: string | null;
  registrationStatus: RegistrationStatus | null;
}

export interface CareerItem {
  title: string;
  employer: string;
  from: string;
  to: string | null;
}

export interface LanguageSkill {
  /** ISO 639-1 code: 'en', 'de'… */
  code: string;
  level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
}

/** A category of the civil service a candidate seeks (A, B or C). */
export type CategorySought = 'A' | 'B' | 'C';

export interface DesiredZones {
  regions: string[];
  departements: string[];
}

/** A candidate profile (Choisir le service public). */
export interface NewProfile {
  personId: string;
  career: CareerItem[];
  postsSought: string[];
  zones: DesiredZones;
  languages: LanguageSkill[];
  aspirations: string;
  poolOptIn: boolean;
}

export interface NewAccount {
  id: string;
  role: Role;
  organisationId: string | null;
  personId: string | null;
  email: string;
  displayName: string;
  passwordHash: string | null;
  status: 'pending' | 'active' | 'suspended';
  createdBy: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export type ApplicationStatus = 'submitted' | 'reviewing' | 'interview' | 'rejected' | 'accepted' | 'withdrawn';
export type ReferralEventKind = 'entry' | 'attendance' | 'interruption' | 'resumption' | 'exit';
/** Why a training stopped early (migration 0013): codes, never a description of the person. */
export type InterruptionReason = 'abandonment' | 'of_postponed' | 'of_cancelled' | 'force_majeure';
/** How a training ended (migration 0013). */
export type ExitOutcome = 'certified' | 'partially_certified' | 'not_certified' | 'completed' | 'employment';

export interface NewApplication {
  id: string;
  offerId: string;
  personId: string;
  status: ApplicationStatus;
  message: string | null;
  submittedAt: Date;
}

export interface NewReferralEvent {
  id: string;
  referralId: string;
  kind: ReferralEventKind;
  occurredOn: string;
  detail: string | null;
  declaredBy: string | null;
}
