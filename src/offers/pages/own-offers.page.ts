import {
  alert,
  badge,
  dataTable,
  html,
  linkButton,
  pageHeader,
  pagination,
  selectInput,
  submitButton,
  type BadgeKind,
  type PageContent,
} from '../../ui/index.js';
import { statusLabels, statuses, type OfferStatus } from '../offers.labels.js';
import type { OwnOfferView } from '../offers.presenter.js';

export const statusBadge: Record<OfferStatus, BadgeKind | undefined> = {
  draft: undefined,
  published: 'success',
  closed: 'warning',
  archived: 'info',
};

/** A recruiter's list of their employer's offers, by status, newest first. */
export function ownOffersPage(input: {
  offers: readonly OwnOfferView[];
  status?: OfferStatus;
  page: number;
  pages: number;
  total: number;
  info?: string;
}): PageContent {
  const form = { csrfToken: '', values: input.status ? { statut: input.status } : {}, errors: {} };
  const suffix = input.status ? `statut=${input.status}&` : '';
  return {
    title: 'Les offres de mon employeur',
    main: html`${pageHeader({ title: 'Les offres de mon employeur', trail: [{ label: 'Accueil', href: '/' }] })}
      ${alert('success', input.info)}
      <p>${linkButton('Rédiger une nouvelle offre', '/recrutement/offres/nouvelle', { icon: 'fr-icon-add-line' })}</p>
      <form method="get" action="/recrutement/offres" class="fr-mb-3w">
        ${selectInput(form, 'statut', {
          label: 'Statut',
          hint: 'Sans choix, les offres archivées ne sont pas montrées.',
          choices: statuses.map((value) => ({ value, label: statusLabels[value] })),
          placeholder: 'Toutes sauf les archivées',
          required: false,
        })}
        ${submitButton('Filtrer', { style: 'secondary' })}
      </form>
      <h2 id="offres-employeur">
        ${input.total === 0 ? 'Aucune offre' : `${input.total} offre${input.total > 1 ? 's' : ''}`}
      </h2>
      ${
        input.offers.length > 0
          ? dataTable({
              labelledBy: 'offres-employeur',
              rows: input.offers,
              columns: [
                {
                  label: 'Intitulé',
                  cell: (offer) => html`<a class="fr-link" href="${offer.href}">${offer.title}</a>`,
                },
                { label: 'Référence', cell: (offer) => offer.reference },
                { label: 'Statut', cell: (offer) => badge(offer.statusLabel, statusBadge[offer.status]) },
                { label: 'Publiée le', cell: (offer) => offer.publishedOn },
                { label: 'Date limite', cell: (offer) => offer.deadline },
              ],
            })
          : null
      }
      ${pagination({
        current: input.page,
        total: input.pages,
        href: (page) => `/recrutement/offres?${suffix}page=${page}`,
      })}`,
  };
}
