import type { DomainDeps } from '../domains.js';
import type { Actor } from '../vault/index.js';
import { officerOf } from './officer.js';
import {
  alertView,
  suspensionView,
  switchView,
  type AlertView,
  type SuspensionView,
  type SwitchView,
} from './security.presenter.js';
import { accountsByIds, openAlerts, openSuspensionRows, openSwitchRows } from './security.repo.js';

/** What the console's home shows: everything still open. */
export interface Overview {
  alerts: AlertView[];
  suspensions: SuspensionView[];
  switches: SwitchView[];
}

/**
 * The open alerts, suspensions and kill switches, the newest first, each capped; only those
 * about one account when `about` names it (its page).
 */
export async function overview(
  deps: Pick<DomainDeps, 'db'>,
  actor: Actor,
  about: string | null = null,
): Promise<Overview> {
  const officer = officerOf(actor);
  const [alerts, suspensions, switches] = await Promise.all([
    openAlerts(deps.db, about),
    openSuspensionRows(deps.db, about),
    openSwitchRows(deps.db, about),
  ]);
  const accounts = await accountsByIds(
    deps.db,
    alerts.flatMap((alert) => (alert.accountId ? [alert.accountId] : [])),
  );
  return {
    alerts: alerts.map((row) => alertView(row, officer.accountId, accounts)),
    suspensions: suspensions.map((row) => suspensionView(row, officer.accountId)),
    switches: switches.map((row) => switchView(row, officer.accountId)),
  };
}
