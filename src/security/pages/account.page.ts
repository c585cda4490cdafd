import {
  alert,
  csrfInput,
  dataTable,
  hiddenInput,
  html,
  pageHeader,
  selectInput,
  submitButton,
  summaryList,
  emptyForm,
  type PageContent,
} from '../../ui/index.js';
import type { AccountFile } from '../account-file.js';
import type { HolderView } from '../holder.js';
import { alertsTable, evidenceList, reasonChoices, suspensionLift, switchLift } from './parts.js';
import { CONSOLE_TRAIL } from './console.page.js';

/**
 * An account's page: what it is, its suspension or kill switch, its alerts, sessions, second
 * factors, the guard's signals and its latest entries in the access log. Its holder is shown
 * only on demand (a logged read through the vault); the people it read, never: only how many.
 */
export function accountPage(input: {
  file: AccountFile;
  csrfToken: string;
  holder?: HolderView | null;
  info?: string;
}): PageContent {
  const { file, csrfToken } = input;
  const title = `Compte ${file.label}`;
  return {
    title,
    main: html`${pageHeader({ title, trail: CONSOLE_TRAIL })} ${alert('success', input.info)}
      ${summaryList(file.summary)} ${holderPart(input)}
      <h2 id="etat">Suspension et coupe-circuit</h2>
      ${
        file.suspension
          ? html`<p>
                Suspendu depuis le ${file.suspension.since}, au niveau
                ${file.suspension.twoPeople ? 'de la plateforme (levée par deux personnes)' : 'de l’organisme'} :
                ${file.suspension.reason}.
              </p>
              ${suspensionLift(file.suspension, csrfToken, file.id)}`
          : html`<p>Ce compte n’est pas suspendu.</p>`
      }
      ${
        file.switchOn
          ? html`<p class="fr-mt-2w">
                Un coupe-circuit arrête ce compte depuis le ${file.switchOn.setAt} : ${file.switchOn.reason}.
              </p>
              ${switchLift(file.switchOn, csrfToken, file.id)}`
          : file.own
            ? null
            : switchHere(file.id, csrfToken)
      }
      <h2 id="alertes-compte" class="fr-mt-5w">Alertes ouvertes (${file.alerts.length})</h2>
      ${
        file.alerts.length === 0
          ? html`<p>Aucune alerte ouverte sur ce compte.</p>`
          : alertsTable({ id: 'alertes-compte', alerts: file.alerts, csrfToken, back: file.id })
      }
      <h2 id="sessions" class="fr-mt-5w">Sessions (${file.sessions.length})</h2>
      ${
        file.sessions.length === 0
          ? html`<p>Aucune session.</p>`
          : dataTable({
              labelledBy: 'sessions',
              rows: file.sessions,
              columns: [
                { label: 'Ouverte le', cell: (row) => row.opened },
                { label: 'Dernière activité', cell: (row) => row.lastSeen },
                { label: 'Navigateur', cell: (row) => row.device },
                { label: 'État', cell: (row) => row.state },
              ],
            })
      }
      <h2 id="appareils" class="fr-mt-5w">Clés d’accès et vérification en deux étapes (${file.passkeys.length})</h2>
      ${
        file.passkeys.length === 0
          ? html`<p>Aucune clé d’accès ni application TOTP.</p>`
          : dataTable({
              labelledBy: 'appareils',
              rows: file.passkeys,
              columns: [
                { label: 'Nom', cell: (row) => row.name },
                { label: 'Ajoutée le', cell: (row) => row.created },
                { label: 'Dernière utilisation', cell: (row) => row.lastUsed },
                { label: 'État', cell: (row) => row.state },
              ],
            })
      }
      <h2 id="signaux" class="fr-mt-5w">Signaux de la surveillance (${file.signals.length})</h2>
      ${
        file.signals.length === 0
          ? html`<p>Aucun signal.</p>`
          : dataTable({
              labelledBy: 'signaux',
              cardsBelow: 'lg',
              rows: file.signals,
              columns: [
                { label: 'Le', cell: (row) => row.at },
                { label: 'Signal', cell: (row) => row.kind },
                { label: 'Poids', cell: (row) => row.weight },
                { label: 'Éléments', cell: (row) => evidenceList(row.evidence) },
              ],
            })
      }
      <h2 id="journal" class="fr-mt-5w">Dernières entrées du journal des accès (${file.entries.length})</h2>
      <p class="fr-text--sm">
        Le nombre de personnes renvoyées par chaque consultation, jamais leur identité ; « hors périmètre » compte les
        personnes demandées que la finalité ne permettait pas d’atteindre.
      </p>
      ${
        file.entries.length === 0
          ? html`<p>Aucune entrée.</p>`
          : dataTable({
              labelledBy: 'journal',
              cardsBelow: 'lg',
              rows: file.entries,
              columns: [
                { label: 'Le', cell: (row) => row.at },
                { label: 'Action', cell: (row) => row.action },
                { label: 'Finalité', cell: (row) => row.purpose },
                { label: 'Décision', cell: (row) => row.outcome },
                { label: 'Personnes', cell: (row) => row.people },
                { label: 'Hors périmètre', cell: (row) => row.probed },
                { label: 'Étendue de la recherche', cell: (row) => row.breadth },
              ],
            })
      }`,
  };
}

/** The holder, once asked for; before that, the button that reads it (a logged read). */
function holderPart(input: { file: AccountFile; csrfToken: string; holder?: HolderView | null }) {
  if (input.holder) {
    return html`<h2 id="titulaire">Titulaire du compte</h2>
      ${summaryList([
        { label: 'Nom', value: input.holder.name },
        { label: 'Adresse électronique', value: input.holder.email },
      ])}`;
  }
  if (input.holder === null) return alert('info', 'Le titulaire de ce compte ne peut pas être affiché.');
  return html`<form method="post" action="/securite/comptes/${input.file.id}/titulaire" class="fr-mb-3w">
    ${csrfInput(input.csrfToken)}
    ${submitButton('Afficher le titulaire du compte', { style: 'secondary', icon: 'fr-icon-user-line' })}
    <p class="fr-hint-text fr-mt-1w">Son nom et son adresse électronique ; la consultation est journalisée.</p>
  </form>`;
}

/** The kill switch for this one account: its reason, and the account already chosen. */
function switchHere(accountId: string, csrfToken: string) {
  const form = emptyForm<'motif'>(csrfToken);
  return html`<form method="post" action="/securite/coupe-circuit" class="fr-mt-2w">
    ${csrfInput(csrfToken)} ${hiddenInput('niveau', 'account')} ${hiddenInput('compte', accountId)}
    ${hiddenInput('retour', accountId)}
    ${selectInput(form, 'motif', {
      label: 'Motif du coupe-circuit',
      placeholder: 'Choisir un motif',
      choices: reasonChoices,
      id: 'champ-motif-compte',
    })}
    ${submitButton('Couper l’accès de ce compte', { icon: 'fr-icon-alert-line' })}
  </form>`;
}
