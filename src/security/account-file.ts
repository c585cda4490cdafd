import type { DomainDeps } from '../domains.js';
import { isRole, roleTitle } from '../kernel/roles.js';
import { AppError } from '../kernel/errors.js';
import type { Actor } from '../vault/index.js';
import { accountEntries, accountPasskeys, accountSessions, accountSignals, staffAccount } from './account.repo.js';
import { officerOf } from './officer.js';
import { accountStatusLabel, actionLabel, endReasonLabel, outcomeLabel, signalLabel } from './security.labels.js';
import {
  accountLabel,
  count,
  evidenceLines,
  when,
  type AlertView,
  type EvidenceLine,
  type SuspensionView,
  type SwitchView,
} from './security.presenter.js';
import { overview } from './overview.js';

/*
 * One account as an officer investigates it. Its own data only in counts and codes: the
 * people its reads returned are counted, never named, and its holder's name and e-mail are not
 * here (they are read on demand, through the vault: holder.ts).
 */

export interface AccountFile {
  id: string;
  label: string;
  own: boolean;
  summary: { label: string; value: string }[];
  suspension: SuspensionView | null;
  switchOn: SwitchView | null;
  alerts: AlertView[];
  sessions: { opened: string; lastSeen: string; device: string; state: string }[];
  passkeys: { name: string; created: string; lastUsed: string; state: string }[];
  signals: { at: string; kind: string; weight: string; evidence: EvidenceLine[] }[];
  entries: {
    at: string;
    action: string;
    purpose: string;
    outcome: string;
    people: string;
    probed: string;
    breadth: string;
  }[];
}

/** A staff account's file; a citizen's account, or none, is NOT_FOUND. */
export async function accountFile(
  deps: Pick<DomainDeps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<AccountFile> {
  const officer = officerOf(actor);
  const account = await staffAccount(deps.db, id);
  if (!account) throw new AppError('NOT_FOUND');
  const now = deps.clock.now();
  const [sessions, passkeys, signals, entries, open] = await Promise.all([
    accountSessions(deps.db, id),
    accountPasskeys(deps.db, id),
    accountSignals(deps.db, id),
    accountEntries(deps.db, id),
    overview(deps, actor, id),
  ]);
  const label = accountLabel({ accountId: id, ...account });
  return {
    id,
    label,
    own: id === officer.accountId,
    summary: [
      { label: 'Rôle', value: isRole(account.role) ? roleTitle(account.role) : account.role },
      { label: 'Organisation', value: account.organisation ?? 'Aucune' },
      { label: 'État', value: accountStatusLabel(account.status) },
      { label: 'Identifiant du compte', value: id },
      { label: 'Créé le', value: when(account.createdAt) },
      { label: 'Approuvé le', value: account.approvedAt ? when(account.approvedAt) : 'Pas encore approuvé' },
    ],
    suspension: open.suspensions[0] ?? null,
    switchOn: open.switches[0] ?? null,
    alerts: open.alerts,
    sessions: sessions.map((row) => ({
      opened: when(row.createdAt),
      lastSeen: when(row.lastSeenAt),
      device: row.userAgentLabel || 'Navigateur inconnu',
      state: row.endedAt
        ? `${endReasonLabel(row.endReason)}, le ${when(row.endedAt)}`
        : row.expiresAt <= now
          ? 'Expirée'
          : 'Ouverte',
    })),
    passkeys: [
      ...passkeys.map((row) => ({
        name: row.name,
        created: when(row.createdAt),
        lastUsed: row.lastUsedAt ? when(row.lastUsedAt) : 'Jamais',
        state: row.revokedAt ? `Retirée le ${when(row.revokedAt)}` : 'Active',
      })),
      ...(account.totpSince
        ? [{ name: 'Application TOTP', created: when(account.totpSince), lastUsed: '—', state: 'Active' }]
        : []),
    ],
    signals: signals.map((row) => ({
      at: when(row.at),
      kind: signalLabel(row.kind),
      weight: count(row.weight),
      evidence: evidenceLines(row.evidence),
    })),
    entries: entries.map((row) => ({
      at: when(row.at),
      action: actionLabel(row.action),
      purpose: row.purpose,
      outcome: outcomeLabel(row.outcome),
      people: count(row.people),
      probed: count(row.probed),
      breadth: row.breadth === null ? '—' : count(row.breadth),
    })),
  };
}
