import {
  actionButton,
  alert,
  buttonGroup,
  csrfInput,
  dataTable,
  formErrors,
  html,
  linkButton,
  pageHeader,
  pagination,
  selectInput,
  submitButton,
  summaryList,
  textArea,
  type Choice,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import { recruiterStatuses, refusalReasons, statusLabels } from '../recruiting.policy.js';
import type { ReviewDetailView, ReviewRowView } from '../recruiting.presenter.js';
import { historyList, paragraphs, statusBadge } from './parts.js';

const HOME = { label: 'Espace recrutement', href: '/recrutement' };
const LIST = { label: 'Candidatures', href: '/recrutement/candidatures' };

/** The recruiter's home: what waits, and where each task is. */
export function recruiterHomePage(input: { newApplications: number; manager: boolean }): PageContent {
  const waiting =
    input.newApplications === 0
      ? 'Aucune nouvelle candidature n’attend votre examen.'
      : input.newApplications === 1
        ? 'Une nouvelle candidature attend votre examen.'
        : `${input.newApplications} nouvelles candidatures attendent votre examen.`;
  const card = (title: string, text: string, href: string, label: string) =>
    html`<div class="fr-col-12 fr-col-md-4">
      <div class="fr-card fr-card--no-arrow">
        <div class="fr-card__body">
          <div class="fr-card__content">
            <h2 class="fr-card__title">${title}</h2>
            <p class="fr-card__desc">${text}</p>
          </div>
          <div class="fr-card__footer">${linkButton(label, href, { style: 'secondary' })}</div>
        </div>
      </div>
    </div>`;
  return {
    title: 'Espace recrutement',
    main: html`${pageHeader({
        title: 'Espace recrutement',
        lead: 'Les offres et les candidatures de votre employeur, et rien d’autre.',
      })}
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-5w">
        ${card(
          'Candidatures',
          waiting,
          input.newApplications > 0 ? '/recrutement/candidatures?statut=submitted' : '/recrutement/candidatures',
          'Examiner les candidatures',
        )}
        ${card('Offres', 'Rédiger, publier et clore les offres de votre employeur.', '/recrutement/offres', 'Gérer les offres')}
        ${
          input.manager
            ? card(
                'Vivier de candidats',
                'Rechercher, critère par critère, les profils qui ont accepté d’être proposés aux recruteurs.',
                '/recrutement/vivier',
                'Rechercher dans le vivier',
              )
            : null
        }
      </div>`,
  };
}

/** The statuses a list may be filtered by. */
const filterChoices: Choice[] = (Object.keys(statusLabels) as (keyof typeof statusLabels)[]).map((status) => ({
  value: status,
  label: statusLabels[status],
}));

/** A page of the employer's applications. */
export function applicationsPage(input: {
  rows: readonly ReviewRowView[];
  page: number;
  pages: number;
  total: number;
  status: string | undefined;
  csrfToken: string;
}): PageContent {
  const filter: FormState<'statut'> = {
    csrfToken: input.csrfToken,
    values: { statut: input.status ?? '' },
    errors: {},
  };
  const href = (page: number) =>
    `/recrutement/candidatures?${new URLSearchParams({ ...(input.status ? { statut: input.status } : {}), page: String(page) })}`;
  return {
    title: 'Candidatures',
    main: html`${pageHeader({ title: 'Candidatures', trail: [HOME] })}
      <form method="get" action="/recrutement/candidatures" class="fr-mb-3w">
        ${selectInput(filter, 'statut', {
          label: 'Statut',
          choices: filterChoices,
          placeholder: 'Tous les statuts',
          required: false,
        })}
        ${submitButton('Filtrer', { style: 'secondary' })}
      </form>
      <h2 id="liste">
        ${input.total === 0 ? 'Aucune candidature' : `${input.total} candidature${input.total > 1 ? 's' : ''}`}
      </h2>
      ${
        input.rows.length === 0
          ? html`<p>Aucune candidature ne correspond.</p>`
          : dataTable({
              labelledBy: 'liste',
              rows: input.rows,
              columns: [
                { label: 'Personne', cell: (row) => row.applicant },
                {
                  label: 'Offre',
                  cell: (row) => html`${row.offer}<br /><span class="fr-text--sm">${row.reference}</span>`,
                },
                { label: 'Déposée le', cell: (row) => row.submittedOn },
                { label: 'Statut', cell: (row) => statusBadge(row.status) },
              ],
              actions: {
                label: 'Action',
                cell: (row) =>
                  linkButton('Ouvrir', `/recrutement/candidatures/${row.id}`, {
                    small: true,
                    style: 'secondary',
                    accessibleName: `Ouvrir la candidature : ${row.applicant}, ${row.offer}`,
                  }),
              },
            })
      }
      ${pagination({ current: input.page, total: input.pages, href })}`,
  };
}

export type StatusField = 'statut' | 'motif';
export type MessageField = 'message';

const statusChoices: Choice[] = recruiterStatuses.map((status) => ({ value: status, label: statusLabels[status] }));
const reasonChoices: Choice[] = (Object.keys(refusalReasons) as (keyof typeof refusalReasons)[]).map((code) => ({
  value: code,
  label: refusalReasons[code],
}));

/** One application: the applicant, the message, the history, and the recruiter's two actions. */
export function applicationPage(input: {
  view: ReviewDetailView;
  statusForm: FormState<StatusField>;
  messageForm: FormState<MessageField>;
  info?: string;
}): PageContent {
  const { view } = input;
  const base = `/recrutement/candidatures/${view.id}`;
  return {
    title: `Candidature de ${view.applicant}`,
    main: html`${pageHeader({ title: `Candidature de ${view.applicant}`, trail: [HOME, LIST] })}
      ${alert('success', input.info)}
      ${summaryList([
        { label: 'Offre', value: `${view.offer} (${view.reference})` },
        { label: 'Déposée le', value: view.submittedOn },
        { label: 'Statut', value: statusBadge(view.status) },
        {
          label: 'Parcours',
          value:
            view.career.length === 0
              ? 'Non renseigné'
              : html`<ul>
                  ${view.career.map((line) => html`<li>${line}</li>`)}
                </ul>`,
        },
        { label: 'Langues', value: view.languages.length === 0 ? 'Non renseignées' : view.languages.join(', ') },
        {
          label: 'Curriculum vitæ',
          value: view.hasCv
            ? actionButton({
                action: `${base}/cv`,
                csrfToken: input.statusForm.csrfToken,
                fields: {},
                label: 'Télécharger le CV (PDF)',
                options: { small: true, style: 'secondary', icon: 'fr-icon-download-line' },
              })
            : 'Aucun CV joint',
        },
      ])}
      <h2>Message de la personne</h2>
      ${view.message ? paragraphs(view.message) : html`<p>La personne n’a pas joint de message.</p>`}
      <h2 class="fr-mt-5w" id="historique">Historique</h2>
      ${historyList(view.history, 'historique')}
      ${
        view.withdrawn
          ? html`<p class="fr-mt-3w">
              La personne a retiré sa candidature : elle ne peut plus changer de statut ni recevoir de message.
            </p>`
          : html`<div class="fr-grid-row fr-grid-row--gutters fr-mt-3w">
              <div class="fr-col-12 fr-col-md-6">
                <h2>Changer le statut</h2>
                ${formErrors(input.statusForm)}
                <form method="post" action="${base}/statut">
                  ${csrfInput(input.statusForm)}
                  ${selectInput(input.statusForm, 'statut', { label: 'Nouveau statut', choices: statusChoices, placeholder: 'Choisir un statut' })}
                  ${selectInput(input.statusForm, 'motif', {
                    label: 'Motif du refus',
                    hint: 'Seulement pour « Non retenue ». La personne lit ce motif.',
                    choices: reasonChoices,
                    placeholder: 'Choisir un motif',
                    required: false,
                  })}
                  ${submitButton('Enregistrer le statut')}
                </form>
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <h2>Écrire à la personne</h2>
                ${formErrors(input.messageForm)}
                <form method="post" action="${base}/message">
                  ${csrfInput(input.messageForm)}
                  ${textArea(input.messageForm, 'message', {
                    label: 'Votre message',
                    hint: 'La personne le lit dans son espace ; un courriel la prévient, sans le contenu du message.',
                    maxLength: 2000,
                    rows: 6,
                  })}
                  ${submitButton('Envoyer le message')}
                </form>
              </div>
            </div>`
      }
      ${buttonGroup([linkButton('Retour aux candidatures', '/recrutement/candidatures', { style: 'tertiary' })])}`,
  };
}
