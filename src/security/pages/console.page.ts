import {
  alert,
  dataTable,
  html,
  linkButton,
  pageHeader,
  type Choice,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import type { Overview } from '../overview.js';
import type { SwitchField } from '../routes/schemas.js';
import { alertsTable, suspensionLift, switchForm, switchLift } from './parts.js';

export const CONSOLE_TRAIL = [{ label: 'Console de sécurité', href: '/securite' }];

/**
 * The console's home: what is still open — alerts with their evidence, suspended accounts,
 * kill switches — and the kill switch's form. Accounts are named by role, organisation and a
 * short id; their pages hold the rest.
 */
export function consolePage(input: {
  overview: Overview;
  csrfToken: string;
  switchForm: FormState<SwitchField>;
  organisations: readonly Choice[];
  info?: string;
  error?: string;
}): PageContent {
  const { alerts, suspensions, switches } = input.overview;
  const token = input.csrfToken;
  return {
    title: 'Console de sécurité',
    main: html`${pageHeader({
        title: 'Console de sécurité',
        lead: 'Les alertes, les comptes suspendus et les coupe-circuits en cours. Chaque décision est consignée au journal de sécurité.',
      })}
      ${alert('success', input.info)} ${alert('error', input.error)}
      ${linkButton('Voir les volumes consultés', '/securite/consultations', {
        style: 'secondary',
        icon: 'fr-icon-line-chart-line',
      })}
      <h2 id="alertes" class="fr-mt-5w">Alertes ouvertes (${alerts.length})</h2>
      ${
        alerts.length === 0
          ? alert('info', 'Aucune alerte ouverte.')
          : alertsTable({ id: 'alertes', alerts, csrfToken: token, back: null })
      }
      <h2 id="suspensions" class="fr-mt-5w">Comptes suspendus (${suspensions.length})</h2>
      ${
        suspensions.length === 0
          ? alert('info', 'Aucun compte suspendu.')
          : dataTable({
              labelledBy: 'suspensions',
              cardsBelow: 'lg',
              rows: suspensions,
              columns: [
                { label: 'Compte', cell: (row) => html`<a href="${row.href}">${row.account}</a>` },
                { label: 'Niveau', cell: (row) => row.level },
                {
                  label: 'Motif',
                  cell: (row) => (row.byGuard ? `${row.reason} (surveillance automatique)` : row.reason),
                },
                { label: 'Depuis le', cell: (row) => row.since },
              ],
              actions: { label: 'Levée', cell: (row) => suspensionLift(row, token, null) },
            })
      }
      <h2 id="coupe-circuits" class="fr-mt-5w">Coupe-circuits actifs (${switches.length})</h2>
      ${
        switches.length === 0
          ? alert('info', 'Aucun coupe-circuit actif.')
          : dataTable({
              labelledBy: 'coupe-circuits',
              cardsBelow: 'lg',
              rows: switches,
              columns: [
                { label: 'Portée', cell: (row) => row.level },
                {
                  label: 'Cible',
                  cell: (row) => (row.href ? html`<a href="${row.href}">${row.target}</a>` : row.target),
                },
                { label: 'Motif', cell: (row) => row.reason },
                { label: 'Depuis le', cell: (row) => row.setAt },
              ],
              actions: { label: 'Levée (deux personnes)', cell: (row) => switchLift(row, token, null) },
            })
      }
      <h2 id="activer" class="fr-mt-5w">Activer un coupe-circuit</h2>
      <p>
        En une action, arrêtez un compte, un organisme entier ou un service entier. La levée demande deux personnes :
        l’une la demande, une autre la confirme.
      </p>
      ${switchForm({ form: input.switchForm, organisations: input.organisations })}`,
  };
}
