import {
  html,
  linkButton,
  pageHeader,
  pagination,
  selectInput,
  submitButton,
  tagGroup,
  textInput,
  type Choice,
  type FormState,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';
import { queryStringOf, type SearchQuery } from '../criteria.js';
import {
  categories,
  categoryLabels,
  contractLabels,
  contracts,
  natureLabels,
  natures,
  versantLabels,
  versants,
} from '../offers.labels.js';
import { COUNT_CAP } from '../offers.repo.js';
import type { OfferCardView } from '../offers.presenter.js';
import type { SearchResult } from '../search-offers.js';

const choicesOf = <K extends string>(keys: readonly K[], labels: Record<K, string>): Choice[] =>
  keys.map((value) => ({ value, label: labels[value] }));
const plain = (values: readonly string[]): Choice[] => values.map((value) => ({ value, label: value }));

function filters(form: FormState, result: SearchResult): SafeHtml {
  const any = 'Tous';
  return html`<form method="get" action="/offres" role="search" aria-label="Rechercher une offre" class="fr-mb-4w">
    ${textInput(form, 'q', {
      label: 'Mots-clés',
      hint: 'Un métier, un lieu, une compétence : « infirmier Rennes », « "agent d’accueil" »',
      type: 'search',
      required: false,
    })}
    <div class="fr-grid-row fr-grid-row--gutters">
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'versant', { label: 'Versant', choices: choicesOf(versants, versantLabels), placeholder: any, required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'categorie', { label: 'Catégorie', choices: choicesOf(categories, categoryLabels), placeholder: 'Toutes', required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'nature', { label: 'Nature de l’emploi', choices: choicesOf(natures, natureLabels), placeholder: 'Toutes', required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'domaine', { label: 'Domaine', choices: plain(result.facets.domaines), placeholder: any, required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'metier', { label: 'Métier', choices: plain(result.facets.metiers), placeholder: any, required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'departement', { label: 'Département', choices: plain(result.facets.departements), placeholder: any, required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'contrat', { label: 'Contrat', choices: choicesOf(contracts, contractLabels), placeholder: any, required: false })}
      </div>
      <div class="fr-col-12 fr-col-md-4">
        ${selectInput(form, 'tri', {
          label: 'Trier par',
          choices: [
            { value: 'date', label: 'Les plus récentes' },
            { value: 'pertinence', label: 'Les plus pertinentes' },
          ],
          required: false,
        })}
      </div>
    </div>
    ${submitButton('Rechercher', { icon: 'fr-icon-search-line' })}
  </form>`;
}

function card(offer: OfferCardView): SafeHtml {
  return html`<li class="fr-mb-2w">
    <div class="fr-card fr-card--horizontal fr-enlarge-link">
      <div class="fr-card__body">
        <div class="fr-card__content">
          <h3 class="fr-card__title"><a href="${offer.href}">${offer.title}</a></h3>
          <p class="fr-card__desc">${offer.employer}, ${offer.where}</p>
          <div class="fr-card__start">${tagGroup(offer.tags)}</div>
          <div class="fr-card__end">
            <p class="fr-card__detail">
              Publiée le ${offer.publishedOn}${offer.deadline ? `, candidatures jusqu’au ${offer.deadline}` : ''} —
              référence ${offer.reference}
            </p>
          </div>
        </div>
      </div>
    </div>
  </li>`;
}

function countLine(total: number): string {
  if (total === 0) return 'Aucune offre ne correspond à votre recherche.';
  if (total > COUNT_CAP) return `Plus de ${COUNT_CAP.toLocaleString('fr-FR')} offres correspondent à votre recherche.`;
  return total === 1 ? 'Une offre correspond à votre recherche.' : `${total} offres correspondent à votre recherche.`;
}

/** The public search of offers: the filters, then a page of results, newest or most relevant first. */
export function searchPage(input: {
  query: SearchQuery;
  result: SearchResult;
  cards: readonly OfferCardView[];
  /** A signed-in candidate may save the search and get alerts. */
  canSave: boolean;
}): PageContent {
  const { result } = input;
  const values = Object.fromEntries(
    Object.entries({ ...input.query, tri: result.sort, page: undefined })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const form: FormState = { csrfToken: '', values, errors: {} };
  const base = queryStringOf(result.criteria, { tri: result.sort });
  return {
    title: result.page > 1 ? `Offres d’emploi public, page ${result.page}` : 'Offres d’emploi public',
    main: html`${pageHeader({
        title: 'Offres d’emploi public',
        trail: [{ label: 'Accueil', href: '/' }],
        lead: 'Les offres des trois fonctions publiques : État, territoriale et hospitalière.',
      })}
      ${filters(form, result)}
      <h2 id="resultats" aria-live="polite">${countLine(result.total)}</h2>
      ${
        input.canSave && result.total > 0
          ? html`<p>
              ${linkButton(
                'Recevoir les nouvelles offres par courriel',
                `/offres/alertes/nouvelle${base ? `?${base}` : ''}`,
                {
                  style: 'secondary',
                  icon: 'fr-icon-mail-line',
                },
              )}
            </p>`
          : null
      }
      <ul class="fr-raw-list" aria-labelledby="resultats">
        ${input.cards.map(card)}
      </ul>
      ${pagination({
        current: result.page,
        total: Math.min(result.pages, 500),
        href: (page) => `/offres?${queryStringOf(result.criteria, { tri: result.sort, page })}`,
      })}`,
  };
}
