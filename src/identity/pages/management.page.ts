import { html, type SafeHtml } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import type { Role } from '../../vault/index.js';
import type { ManagedAccount } from '../accounts/managed-accounts.js';
import { roleTitle } from '../roles.js';
import type { SuspensionLevel, SuspensionView } from '../accounts/suspensions.js';
import { alertError, alertInfo, csrfField, field } from './forms.js';
import { liftAction, suspendForm, suspensionDetails } from './suspension.page.js';

export interface OrganisationChoice {
  id: string;
  name: string;
}

const statusLabels: Record<ManagedAccount['status'], string> = {
  pending: 'En attente',
  active: 'Actif',
  suspended: 'Suspendu',
};

const day = (date: Date) =>
  date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** One button that posts the account's id to an action; its accessible name says whose. */
function actionButton(input: {
  csrfToken: string;
  action: string;
  accountId: string;
  label: string;
  who: string;
  style?: string;
}): SafeHtml {
  return html`<form method="post" action="${input.action}" class="fr-mb-1w">
    ${csrfField(input.csrfToken)}
    <input type="hidden" name="account" value="${input.accountId}" />
    <button class="fr-btn fr-btn--sm ${input.style ?? ''}" type="submit" aria-label="${input.label} : ${input.who}">
      ${input.label}
    </button>
  </form>`;
}

function organisationOptions(organisations: OrganisationChoice[], selected: string | null): SafeHtml[] {
  return organisations.map(
    (organisation) =>
      html`<option value="${organisation.id}" ${organisation.id === selected ? html`selected` : null}>
        ${organisation.name}
      </option>`,
  );
}

const nameOf = (account: ManagedAccount) => account.displayName ?? account.email;

/** The approval queue and the organisation's accounts, for an admin or an RGC. */
export function managementPage(input: {
  csrfToken: string;
  viewerId: string;
  viewerLevel: SuspensionLevel;
  pending: ManagedAccount[];
  accounts: ManagedAccount[] | null;
  suspensions: Map<string, SuspensionView>;
  organisations: OrganisationChoice[] | null;
  selectedOrganisation: string | null;
  info?: string;
  error?: string;
}): PageContent {
  const { csrfToken } = input;
  return {
    title: 'Gestion des comptes',
    account: { csrfToken },
    main: html`<h1>Gestion des comptes</h1>
      ${alertInfo(input.info)} ${alertError(input.error)}
      <p>
        Un compte de personnel ou de partenaire reste inactif tant qu’une seconde personne habilitée ne l’a pas approuvé
        ; la personne qui le demande ne peut jamais l’approuver elle-même.
      </p>
      <p>
        <a class="fr-btn fr-icon-user-add-line fr-btn--icon-left" href="/gestion/comptes/nouveau">Demander un compte</a>
      </p>
      <h2>Demandes en attente d’approbation</h2>
      ${
        input.pending.length === 0
          ? html`<p>Aucune demande en attente.</p>`
          : html`<div class="fr-table">
              <table>
                <caption>
                  Demandes en attente d’approbation
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Adresse électronique</th>
                    <th scope="col">Rôle</th>
                    <th scope="col">Organisation</th>
                    <th scope="col">Demandé le</th>
                    <th scope="col">Décision</th>
                  </tr>
                </thead>
                <tbody>
                  ${input.pending.map(
                    (account) =>
                      html`<tr>
                        <td>${nameOf(account)}</td>
                        <td>${account.email}</td>
                        <td>${roleTitle(account.role)}</td>
                        <td>${account.organisationName}</td>
                        <td>${account.pendingRequest ? day(account.pendingRequest.requestedAt) : ''}</td>
                        <td>
                          ${
                            account.pendingRequest?.requestedBy === input.viewerId
                              ? html`<p class="fr-text--sm fr-mb-0">En attente d’une seconde personne</p>`
                              : html`${actionButton({ csrfToken, action: '/gestion/comptes/approuver', accountId: account.accountId, label: 'Approuver', who: nameOf(account) })}
                                ${actionButton({ csrfToken, action: '/gestion/comptes/refuser', accountId: account.accountId, label: 'Refuser', who: nameOf(account), style: 'fr-btn--secondary' })}`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <h2 class="fr-mt-5w">Comptes</h2>
      ${
        input.organisations
          ? html`<form method="get" action="/gestion/comptes" class="fr-mb-3w">
              <div class="fr-select-group">
                <label class="fr-label" for="choix-organisation">Organisation</label>
                <select class="fr-select" id="choix-organisation" name="organisation">
                  <option value="">Choisir une organisation</option>
                  ${organisationOptions(input.organisations, input.selectedOrganisation)}
                </select>
              </div>
              <button class="fr-btn fr-btn--secondary" type="submit">Afficher les comptes</button>
            </form>`
          : null
      }
      ${
        input.accounts === null
          ? html`<p>Choisissez une organisation pour voir ses comptes.</p>`
          : input.accounts.length === 0
            ? html`<p>Aucun compte dans cette organisation.</p>`
            : html`<div class="fr-table">
                <table>
                  <caption>
                    Comptes de l’organisation
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Nom</th>
                      <th scope="col">Adresse électronique</th>
                      <th scope="col">Rôle</th>
                      <th scope="col">État</th>
                      <th scope="col">Action</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${input.accounts.map(
                      (account) =>
                        html`<tr>
                          <td>${nameOf(account)}</td>
                          <td>${account.email}</td>
                          <td>${roleTitle(account.role)}</td>
                          <td>
                            ${statusLabels[account.status]}
                            ${account.status === 'suspended' ? suspensionDetails(input.suspensions.get(account.accountId)) : null}
                          </td>
                          <td>
                            ${
                              account.accountId === input.viewerId
                                ? html`<p class="fr-text--sm fr-mb-0">Votre compte</p>`
                                : account.status === 'active'
                                  ? suspendForm({ csrfToken, accountId: account.accountId, who: nameOf(account) })
                                  : account.status === 'suspended'
                                    ? liftAction({
                                        csrfToken,
                                        accountId: account.accountId,
                                        who: nameOf(account),
                                        viewerId: input.viewerId,
                                        viewerLevel: input.viewerLevel,
                                        suspension: input.suspensions.get(account.accountId),
                                      })
                                    : null
                            }
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
      }`,
  };
}

/** The request for a new staff account. */
export function newAccountPage(input: {
  csrfToken: string;
  roles: Role[];
  organisations: OrganisationChoice[];
  values?: { displayName?: string; email?: string; role?: string; organisationId?: string };
  error?: string;
}): PageContent {
  const values = input.values ?? {};
  return {
    title: 'Demander un compte',
    account: { csrfToken: input.csrfToken },
    main: html`<div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        <h1>Demander un compte</h1>
        <p>
          Le compte restera inactif jusqu’à l’approbation d’une seconde personne habilitée. La personne recevra alors un
          lien pour choisir son mot de passe et enregistrer son second facteur.
        </p>
        ${alertError(input.error)}
        <form method="post" action="/gestion/comptes/nouveau">
          ${csrfField(input.csrfToken)}
          ${field({ name: 'displayName', label: 'Prénom et nom', autocomplete: 'off', value: values.displayName })}
          ${field({ name: 'email', label: 'Adresse électronique professionnelle', type: 'email', autocomplete: 'off', value: values.email, hint: 'Format attendu : nom@domaine.fr' })}
          <div class="fr-select-group">
            <label class="fr-label" for="champ-role">Rôle</label>
            <select class="fr-select" id="champ-role" name="role" required>
              ${input.roles.map(
                (role) =>
                  html`<option value="${role}" ${role === values.role ? html`selected` : null}>
                    ${roleTitle(role)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="fr-select-group">
            <label class="fr-label" for="champ-organisation">Organisation</label>
            <select class="fr-select" id="champ-organisation" name="organisationId" required>
              ${organisationOptions(input.organisations, values.organisationId ?? null)}
            </select>
          </div>
          <button class="fr-btn" type="submit">Envoyer la demande</button>
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
