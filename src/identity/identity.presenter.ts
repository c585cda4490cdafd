import { z } from 'zod';
import { roleTitle, type Role } from '../kernel/roles.js';
import type { ManagedAccount } from './accounts/managed-accounts.js';
import { requestReasons } from './accounts/request-reasons.js';
import { suspensionReasons, type SuspensionLevel, type SuspensionView } from './accounts/suspensions.js';
import type { OwnContact } from './contact.js';
import type { PasskeySummary } from './passkeys/passkeys.js';
import type { SessionSummary } from './sessions/session-store.js';

/*
 * What identity shows of its records, field by field: the JSON API's answers (each with the zod
 * schema the reply is checked against on the way out) and the pages' view models. Nothing else
 * leaves: no row, no hash, no key, no flag a page does not print.
 */

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** GET /api/v1/moi. */
export const meSchema = z
  .strictObject({
    id: z.uuid(),
    role: z.string().describe('Le rôle du compte (candidate, job_seeker, recruiter…).'),
    email: z.string(),
    displayName: z.string().nullable(),
  })
  .describe('Le compte de la session.');

export function presentMe(contact: OwnContact, role: Role): z.infer<typeof meSchema> {
  return { id: contact.accountId, role, email: contact.email, displayName: contact.displayName };
}

/** GET /api/v1/sessions. */
export const sessionsSchema = z
  .strictObject({
    sessions: z.array(
      z.strictObject({
        id: z.string(),
        label: z.string().describe('Navigateur et système, sans détail qui identifie.'),
        createdAt: z.iso.datetime(),
        lastSeenAt: z.iso.datetime(),
        sameNetwork: z.boolean().describe('Si la session utilise le même réseau que la requête.'),
        current: z.boolean(),
      }),
    ),
  })
  .describe('Les sessions ouvertes du compte.');

export function presentSessions(
  sessions: readonly SessionSummary[],
  currentId: string,
): z.infer<typeof sessionsSchema> {
  return {
    sessions: sessions.map((session) => ({
      id: session.id,
      label: session.label,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      sameNetwork: session.sameNetwork,
      current: session.id === currentId,
    })),
  };
}

/** One open session as « Mes sessions » prints it. */
export interface SessionView {
  id: string;
  label: string;
  openedAt: string;
  lastActivity: string;
  /** Whether it uses the viewer's network: addresses are kept only as keyed tags (address-tag.ts). */
  sameNetwork: boolean;
  current: boolean;
}

export function sessionView(session: SessionSummary, currentId: string): SessionView {
  return {
    id: session.id,
    label: session.label,
    openedAt: dateTime.format(session.createdAt),
    lastActivity: dateTime.format(session.lastSeenAt),
    sameNetwork: session.sameNetwork,
    current: session.id === currentId,
  };
}

/** One passkey as the account's security page prints it. */
export interface PasskeyView {
  id: string;
  name: string;
  addedOn: string;
  lastUsed: string;
}

export function passkeyView(passkey: PasskeySummary): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    addedOn: dateTime.format(passkey.createdAt),
    lastUsed: passkey.lastUsedAt ? dateTime.format(passkey.lastUsedAt) : 'jamais',
  };
}

/** Who asked for an account, as the approval queue says it (non-personal: role and organisation). */
export interface Requester {
  accountId: string;
  role: Role;
  organisationName: string | null;
}

/** A staff account as its managers' page prints it. */
export interface ManagedAccountView {
  accountId: string;
  name: string;
  email: string;
  role: string;
  organisation: string;
  status: ManagedAccount['status'];
  /** While a request waits: when, by whom, and whether the viewer is that person. */
  request: { on: string; by: string; byViewer: boolean; reason: string } | null;
  /** While suspended: at which level, why, and who, if anyone, asked for the lift. No names. */
  suspension: SuspensionSummary | null;
}

/** A suspension as a manager's page prints it (suspensions.ts). */
export interface SuspensionSummary {
  level: SuspensionLevel;
  reason: string;
  lift: 'none' | 'asked-by-viewer' | 'asked-by-other';
}

/**
 * A suspension nobody recorded (the guard's, or older than levels) is shown as what it is
 * lifted as: a platform-level one without a reason (liftSuspension).
 */
const UNRECORDED: SuspensionView = {
  level: 'platform',
  reason: 'unrecorded',
  suspendedAt: new Date(0),
  liftRequestedBy: null,
};

function suspensionSummary(suspension: SuspensionView | undefined, viewerId: string): SuspensionSummary {
  const { level, reason, liftRequestedBy } = suspension ?? UNRECORDED;
  const lift = liftRequestedBy === null ? 'none' : liftRequestedBy === viewerId ? 'asked-by-viewer' : 'asked-by-other';
  return { level, reason: suspensionReasons[reason], lift };
}

const requesterLabel = (requester: Requester | undefined) =>
  requester
    ? `${roleTitle(requester.role)}${requester.organisationName ? ` (${requester.organisationName})` : ''}`
    : 'Compte inconnu';

export function managedAccountView(
  account: ManagedAccount,
  viewerId: string,
  requesters: ReadonlyMap<string, Requester>,
  suspensions: ReadonlyMap<string, SuspensionView>,
): ManagedAccountView {
  const pending = account.pendingRequest;
  return {
    accountId: account.accountId,
    name: account.displayName ?? account.email,
    email: account.email,
    role: roleTitle(account.role),
    organisation: account.organisationName,
    status: account.status,
    request: pending
      ? {
          on: dateTime.format(pending.requestedAt),
          by: pending.requestedBy === viewerId ? 'Vous' : requesterLabel(requesters.get(pending.requestedBy)),
          byViewer: pending.requestedBy === viewerId,
          reason: requestReasons[pending.reason],
        }
      : null,
    suspension: account.status === 'suspended' ? suspensionSummary(suspensions.get(account.accountId), viewerId) : null,
  };
}
