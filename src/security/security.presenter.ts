import { isRole, roleTitle } from '../kernel/roles.js';
import { surfaces, isSurface } from '../guard/surfaces.js';
import { switchReasons, isSwitchReason } from '../guard/switches.js';
import { suspensionReasons, type SuspensionReason } from '../identity/accounts/suspensions.js';
import type { AlertRow, SuspensionRow, SwitchRow } from './security.repo.js';
import {
  alertKindLabel,
  classLabels,
  evidenceKeyLabel,
  signalLabel,
  suspensionLevelLabels,
  switchLevelLabels,
} from './security.labels.js';

/*
 * The views the console's pages are drawn from. Each names the fields it copies; none holds a
 * personal value: accounts are shown by role, organisation and a short id, and the evidence of
 * alerts and signals is ids, codes and counts by the guard's own contract.
 */

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const number = new Intl.NumberFormat('fr-FR');

/** A moment as the console writes it: « 20 novembre 2026 à 10:00 » (France). */
export function when(at: Date): string {
  return dateTime.format(at);
}

export function count(n: number): string {
  return number.format(n);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The console's page of an account. */
export function accountHref(accountId: string): string {
  return `/securite/comptes/${accountId}`;
}

/** An account without its holder's name: « Recruteur · Mairie de Lyon · n° 1a2b3c4d ». */
export function accountLabel(input: { accountId: string; role: string | null; organisation: string | null }): string {
  const role = input.role && isRole(input.role) ? roleTitle(input.role) : 'Compte';
  return [role, input.organisation, `n° ${input.accountId.slice(0, 8)}`].filter(Boolean).join(' · ');
}

/** One line of an alert's detail or a signal's evidence. */
export interface EvidenceLine {
  label: string;
  value: string;
  /** For an account id: the console's page of that account. */
  href?: string;
}

function evidenceValue(key: string, value: unknown): EvidenceLine {
  const label = evidenceKeyLabel(key);
  const text = typeof value === 'number' ? count(value) : typeof value === 'string' ? value : JSON.stringify(value);
  if (key === 'compte' && typeof value === 'string' && UUID.test(value)) {
    return { label, value: `n° ${value.slice(0, 8)}`, href: accountHref(value) };
  }
  if (key === 'role' && isRole(value)) return { label, value: roleTitle(value) };
  if (key === 'classe' && typeof value === 'string') return { label, value: classLabels[value] ?? value };
  if (key === 'signaux' && typeof value === 'string') {
    const kinds = value
      .split(',')
      .map((kind) => kind.trim())
      .filter(Boolean);
    return { label, value: kinds.length > 0 ? kinds.map(signalLabel).join(' ; ') : 'Aucun' };
  }
  if (key === 'heure' && typeof value === 'number') return { label, value: `${value} h` };
  return { label, value: text };
}

/** An alert's detail or a signal's evidence, key by key, in French. */
export function evidenceLines(detail: Record<string, unknown>): EvidenceLine[] {
  return Object.entries(detail).map(([key, value]) => evidenceValue(key, value));
}

export interface AlertView {
  id: string;
  kind: string;
  raisedAt: string;
  evidence: EvidenceLine[];
  account: { href: string; label: string } | null;
  /** The alert is about the viewer's own account: another officer decides it. */
  own: boolean;
}

export function alertView(
  row: AlertRow,
  viewerId: string,
  accounts: ReadonlyMap<string, { role: string; organisation: string | null }>,
): AlertView {
  const about = row.accountId ? accounts.get(row.accountId) : undefined;
  return {
    id: row.id,
    kind: alertKindLabel(row.kind),
    raisedAt: when(row.raisedAt),
    evidence: evidenceLines(row.detail),
    account:
      row.accountId && about
        ? { href: accountHref(row.accountId), label: accountLabel({ accountId: row.accountId, ...about }) }
        : null,
    own: row.accountId === viewerId,
  };
}

/** Where a lift stands, for the viewer. */
export type LiftState = 'none' | 'asked_by_viewer' | 'asked_by_other';

function liftState(requestedBy: string | null, viewerId: string): LiftState {
  if (requestedBy === null) return 'none';
  return requestedBy === viewerId ? 'asked_by_viewer' : 'asked_by_other';
}

export interface SuspensionView {
  accountId: string;
  account: string;
  href: string;
  level: string;
  /** Lifted by two people (the platform's level), or by one. */
  twoPeople: boolean;
  reason: string;
  byGuard: boolean;
  since: string;
  lift: LiftState;
  own: boolean;
}

export function suspensionView(row: SuspensionRow, viewerId: string): SuspensionView {
  return {
    accountId: row.accountId,
    account: accountLabel(row),
    href: accountHref(row.accountId),
    level: suspensionLevelLabels[row.level] ?? row.level,
    twoPeople: row.level === 'platform',
    reason: suspensionReasons[row.reason as SuspensionReason] ?? row.reason,
    byGuard: row.byGuard,
    since: when(row.since),
    lift: liftState(row.liftRequestedBy, viewerId),
    own: row.accountId === viewerId,
  };
}

export interface SwitchView {
  id: string;
  level: string;
  target: string;
  href: string | null;
  reason: string;
  setAt: string;
  lift: LiftState;
}

export function switchView(row: SwitchRow, viewerId: string): SwitchView {
  const target =
    row.level === 'surface'
      ? isSurface(row.target)
        ? surfaces[row.target].label
        : row.target
      : row.level === 'organisation'
        ? (row.targetOrganisation ?? `Organisme n° ${row.target.slice(0, 8)}`)
        : accountLabel({ accountId: row.target, role: row.targetRole, organisation: row.targetOrganisation });
  return {
    id: row.id,
    level: switchLevelLabels[row.level],
    target,
    href: row.level === 'account' ? accountHref(row.target) : null,
    reason: isSwitchReason(row.reason) ? switchReasons[row.reason] : row.reason,
    setAt: when(row.setAt),
    lift: liftState(row.liftRequestedBy, viewerId),
  };
}
