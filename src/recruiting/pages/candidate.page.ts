import {
  actionButton,
  alert,
  csrfInput,
  dataTable,
  formErrors,
  html,
  linkButton,
  pageHeader,
  pagination,
  radioGroup,
  submitButton,
  summaryList,
  textArea,
  type Choice,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import type { OwnDetailView, OwnRowView } from '../recruiting.presenter.js';
import type { OfferRow } from '../recruiting.repo.js';
import { historyList, paragraphs, statusBadge } from './parts.js';

const SPACE = { label: 'Mon espace candidat', href: '/candidat' };
const LIST = { label: 'Mes candidatures', href: '/candidat/candidatures' };

/** The candidate's applications and where each stands. */
export function ownApplicationsPage(input: {
  rows: readonly OwnRowView[];
  page: number;
  pages: number;
  info?: string;
}): PageContent {
  return {
    title: 'Mes candidatures',
    main: html`${pageHeader({ title: 'Mes candidatures', trail: [SPACE] })} ${alert('success', input.info)}
      <p>Pour postuler, ouvrez une offre et choisissez « Postuler ».</p>
      <p>${linkButton('Rechercher des offres', '/offres', { style: 'secondary', icon: 'fr-icon-search-line' })}</p>
      <h2 id="candidatures">Mes candidatures</h2>
      ${
        input.rows.length === 0
          ? html`<p>Vous n’avez encore postulé à aucune offre.</p>`
          : dataTable({
              labelledBy: 'candidatures',
              rows: input.rows,
              columns: [
                {
                  label: 'Offre',
                  cell: (row) => html`${row.offer}<br /><span class="fr-text--sm">${row.employer}</span>`,
                },
                { label: 'Envoyée le', cell: (row) => row.submittedOn },
                { label: 'Statut', cell: (row) => statusBadge(row.status) },
              ],
              actions: {
                label: 'Détail',
                cell: (row) =>
                  linkButton('Voir', `/candidat/candidatures/${row.id}`, {
                    small: true,
                    style: 'secondary',
                    accessibleName: `Voir ma candidature : ${row.offer}`,
                  }),
              },
            })
      }
      ${pagination({ current: input.page, total: input.pages, href: (page) => `/candidat/candidatures?page=${page}` })}`,
  };
}

/** One of the candidate's applications, the recruiter's messages, and the way to withdraw it. */
export function ownApplicationPage(input: { view: OwnDetailView; csrfToken: string; info?: string }): PageContent {
  const { view } = input;
  return {
    title: `Ma candidature : ${view.offer}`,
    main: html`${pageHeader({ title: `Ma candidature : ${view.offer}`, trail: [SPACE, LIST] })}
      ${alert('success', input.info)}
      ${summaryList([
        { label: 'Offre', value: html`<a href="/offres/${view.reference}">${view.offer}</a> (${view.reference})` },
        { label: 'Employeur', value: view.employer },
        { label: 'Envoyée le', value: view.submittedOn },
        { label: 'Statut', value: statusBadge(view.status) },
      ])}
      <h2>Mon message</h2>
      ${view.message ? paragraphs(view.message) : html`<p>Vous n’avez pas joint de message.</p>`}
      <h2 class="fr-mt-5w" id="echanges">Suivi et messages du recruteur</h2>
      ${historyList(view.history, 'echanges')}
      ${
        view.canWithdraw
          ? html`<h2 class="fr-mt-5w">Retirer ma candidature</h2>
              <p>Le recruteur ne pourra plus l’examiner. Ce retrait est définitif.</p>
              ${actionButton({
                action: `/candidat/candidatures/${view.id}/retrait`,
                csrfToken: input.csrfToken,
                fields: {},
                label: 'Retirer ma candidature',
                options: { style: 'secondary' },
              })}`
          : null
      }`,
  };
}

export type ApplyField = 'message' | 'cv';

/** Applying to an offer: a message, and one of the candidate's CVs. */
export function applyPage(input: {
  offer: OfferRow;
  cvs: readonly Choice[];
  form: FormState<ApplyField>;
}): PageContent {
  const { offer, form } = input;
  const cvChoices: Choice[] = [...input.cvs, { value: 'aucun', label: 'Postuler sans CV' }];
  return {
    title: `Postuler : ${offer.title}`,
    main: html`<div class="fr-grid-row">
      <div class="fr-col-12 fr-col-md-8">
        ${pageHeader({ title: `Postuler : ${offer.title}`, trail: [SPACE, LIST] })}
        ${summaryList([
          { label: 'Employeur', value: offer.employer },
          { label: 'Lieu', value: offer.place },
          { label: 'Référence', value: offer.reference },
        ])}
        <p>
          Le recruteur de cet employeur verra votre nom, votre parcours, vos langues, votre message et le CV choisi ; il
          ne voit ni votre adresse, ni votre téléphone, ni votre adresse électronique. Il vous répond dans votre espace.
        </p>
        ${formErrors(form)}
        <form method="post" action="/candidat/candidatures/nouvelle?offre=${encodeURIComponent(offer.reference)}">
          ${csrfInput(form)}
          ${textArea(form, 'message', {
            label: 'Votre message au recruteur',
            hint: 'Quelques lignes sur votre motivation (2 000 caractères au plus).',
            maxLength: 2000,
            rows: 6,
          })}
          ${radioGroup(form, 'cv', {
            legend: 'Curriculum vitæ joint',
            hint:
              input.cvs.length === 0 ? 'Vous n’avez pas encore déposé de CV dans votre espace candidat.' : undefined,
            choices: cvChoices,
          })}
          ${submitButton('Envoyer ma candidature')}
        </form>
      </div>
    </div>`,
  };
}
