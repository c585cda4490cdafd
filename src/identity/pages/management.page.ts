import {
  actionButton,
  alert,
  badge,
  buttonGroup,
  csrfInput,
  dataTable,
  emptyForm,
  formErrors,
  html,
  linkButton,
  pageHeader,
  selectInput,
  submitButton,
  textInput,
  type BadgeKind,
  type Choice,
  type FormState,
  type PageContent,
  type RowLayout,
  type SafeHtml,
} from '../../ui/index.js';
import type { SuspensionLevel } from '../accounts/suspensions.js';
import type { ManagedAccountView } from '../identity.presenter.js';
import { liftAction, suspendAgain, suspendForm, suspensionDetails, type SuspendField } from './suspension.page.js';

const statusBadges: Record<ManagedAccountView['status'], [string, BadgeKind]> = {
  pending: ['En attente', 'info'],
  active: ['Actif', 'success'],
  suspended: ['Suspendu', 'error'],
};

const TRAIL = [{ label: 'Mon compte', href: '/compte' }];

/** A second, smaller line in a cell (an address under a name, a date under a name). */
const smallLine = (text: string | undefined) => (text ? html`<br /><span class="fr-text--sm">${text}</span>` : null);
const person = (account: ManagedAccountView) => html`${account.name}${smallLine(account.email)}`;

/** A small button that posts one account id; its accessible name says whose account. */
function accountAction(
  csrfToken: string,
  account: ManagedAccountView,
  action: string,
  label: string,
  style: 'primary' | 'secondary' | 'tertiary' = 'primary',
): SafeHtml {
  return actionButton({
    action: `/gestion/comptes/${action}`,
    csrfToken,
    fields: { account: account.accountId },
    label,
    options: { small: true, style, accessibleName: `${label} : ${account.name}` },
  });
}

function decision(csrfToken: string, account: ManagedAccountView): SafeHtml {
  if (account.request?.byViewer) {
    return html`<p class="fr-text--sm fr-mb-1w">En attente d’une seconde personne habilitée</p>
      ${accountAction(csrfToken, account, 'retirer', 'Retirer la demande', 'tertiary')}`;
  }
  return buttonGroup(
    [
      accountAction(csrfToken, account, 'approuver', 'Approuver'),
      accountAction(csrfToken, account, 'refuser', 'Refuser', 'secondary'),
    ],
    { inline: true },
  );
}

function accountActions(
  input: { csrfToken: string; viewerId: string; viewerLevel: SuspensionLevel },
  account: ManagedAccountView,
  layout: RowLayout,
): SafeHtml | null {
  const { csrfToken } = input;
  if (account.accountId === input.viewerId) return html`<p class="fr-text--sm fr-mb-0">Votre compte</p>`;
  if (account.status === 'active') return suspendForm(csrfToken, account, layout);
  if (account.status === 'suspended') {
    return liftAction(account, input.viewerLevel, (label) => accountAction(csrfToken, account, 'reactiver', label));
  }
  return null;
}

/** The approval queue and the organisation's accounts, for an admin or an RGC. */
export function managementPage(input: {
  csrfToken: string;
  viewerId: string;
  /** The level the viewer suspends and lifts at (suspensions.ts). */
  viewerLevel: SuspensionLevel;
  pending: readonly ManagedAccountView[];
  accounts: readonly ManagedAccountView[] | null;
  organisations: readonly Choice[] | null;
  selectedOrganisation: string | null;
  info?: string;
  error?: string;
  /** A suspension sent without a valid reason, shown again with its field in error. */
  suspension?: { form: FormState<SuspendField>; who: string | undefined };
}): PageContent {
  const { csrfToken } = input;
  return {
    title: 'Gestion des comptes',
    main: html`${pageHeader({ title: 'Gestion des comptes', trail: TRAIL })} ${alert('success', input.info)}
      ${alert('error', input.error)}
      ${input.suspension ? suspendAgain(input.suspension.form, input.suspension.who) : null}
      <p>
        Un compte de personnel ou de partenaire reste inactif tant qu’une seconde personne habilitée ne l’a pas approuvé
        ; la personne qui le demande ne peut jamais l’approuver elle-même.
      </p>
      <p>${linkButton('Demander un compte', '/gestion/comptes/nouveau', { icon: 'fr-icon-user-add-line' })}</p>
      <h2 id="demandes">Demandes en attente d’approbation</h2>
      ${
        input.pending.length === 0
          ? html`<p>Aucune demande en attente.</p>`
          : dataTable({
              labelledBy: 'demandes',
              rows: input.pending,
              columns: [
                { label: 'Personne', cell: person },
                { label: 'Rôle', cell: (account) => html`${account.role}${smallLine(account.organisation)}` },
                {
                  label: 'Demandé par',
                  cell: (account) => html`${account.request?.by}${smallLine(account.request?.on)}`,
                },
                { label: 'Motif', cell: (account) => account.request?.reason },
              ],
              actions: { label: 'Décision', cell: (account) => decision(csrfToken, account) },
              cardsBelow: 'lg',
            })
      }
      <h2 class="fr-mt-5w" id="comptes">Comptes de l’organisation</h2>
      ${input.organisations ? organisationPicker(csrfToken, input.organisations, input.selectedOrganisation) : null}
      ${
        input.accounts === null
          ? html`<p>Choisissez une organisation pour voir ses comptes.</p>`
          : input.accounts.length === 0
            ? html`<p>Aucun compte dans cette organisation.</p>`
            : dataTable({
                labelledBy: 'comptes',
                rows: input.accounts,
                columns: [
                  { label: 'Personne', cell: person },
                  { label: 'Rôle', cell: (account) => account.role },
                  {
                    label: 'État',
                    cell: (account) => html`${badge(...statusBadges[account.status])} ${suspensionDetails(account)}`,
                  },
                ],
                actions: { label: 'Action', cell: (account, layout) => accountActions(input, account, layout) },
              })
      }`,
  };
}

/** An admin's choice of organisation (a GET form: the choice is in the address, not personal). */
function organisationPicker(csrfToken: string, organisations: readonly Choice[], selected: string | null): SafeHtml {
  const form = emptyForm<'organisation'>(csrfToken, selected ? { organisation: selected } : {});
  return html`<form method="get" action="/gestion/comptes" class="fr-mb-3w">
    ${selectInput(form, 'organisation', {
      label: 'Organisation',
      choices: organisations,
      placeholder: 'Choisir une organisation',
      required: false,
    })}
    ${submitButton('Afficher les comptes', { style: 'secondary' })}
  </form>`;
}

export type NewAccountField = 'displayName' | 'email' | 'role' | 'organisationId' | 'reason';

/** The request for a new staff account. */
export function newAccountPage(input: {
  form: FormState<NewAccountField>;
  roles: readonly Choice[];
  organisations: readonly Choice[];
  reasons: readonly Choice[];
}): PageContent {
  const { form } = input;
  return {
    title: 'Demander un compte',
    main: html`<div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        ${pageHeader({
          title: 'Demander un compte',
          trail: [...TRAIL, { label: 'Gestion des comptes', href: '/gestion/comptes' }],
        })}
        <p>
          Le compte restera inactif jusqu’à l’approbation d’une seconde personne habilitée. La personne recevra alors un
          lien pour choisir son mot de passe et configurer la vérification en deux étapes.
        </p>
        ${formErrors(form)}
        <form method="post" action="/gestion/comptes/nouveau">
          ${csrfInput(form)} ${textInput(form, 'displayName', { label: 'Prénom et nom', autocomplete: 'off' })}
          ${textInput(form, 'email', {
            label: 'Adresse électronique professionnelle',
            type: 'email',
            autocomplete: 'off',
            hint: 'Format attendu : nom@domaine.fr',
          })}
          ${selectInput(form, 'role', { label: 'Rôle', choices: input.roles, placeholder: 'Choisir un rôle' })}
          ${selectInput(form, 'organisationId', {
            label: 'Organisation',
            choices: input.organisations,
            placeholder: 'Choisir une organisation',
          })}
          ${selectInput(form, 'reason', {
            label: 'Motif de la demande',
            hint: 'La personne qui approuvera la demande le verra.',
            choices: input.reasons,
            placeholder: 'Choisir un motif',
          })}
          ${submitButton('Envoyer la demande')}
        </form>
        <p class="fr-mt-3w">
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/gestion/comptes"
            >Retour à la gestion des comptes</a
          >
        </p>
      </div>
    </div>`,
  };
}
