import {
  actionButton,
  alert,
  formErrors,
  html,
  pageHeader,
  pagination,
  selectInput,
  submitButton,
  summaryList,
  tagGroup,
  type Choice,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import type { PoolProfileView, PoolSummaryView } from '../recruiting.presenter.js';
import { categories, cefrLevels, departementChoices, languageNames, postTypes, regionNames } from '../referential.js';

const HOME = { label: 'Espace recrutement', href: '/recrutement' };
const POOL = { label: 'Vivier de candidats', href: '/recrutement/vivier' };

export type PoolField = 'poste' | 'region' | 'departement' | 'langue' | 'niveau' | 'categorie';

const choices = (values: readonly string[]): Choice[] => values.map((value) => ({ value, label: value }));
const departementOptions: Choice[] = departementChoices.map((d) => ({ value: d.code, label: `${d.code} – ${d.name}` }));
const languageOptions: Choice[] = Object.entries(languageNames).map(([code, name]) => ({ value: code, label: name }));

/** The search form, its results (pseudonymous summaries) and the rule of the pool. */
export function poolPage(input: {
  form: FormState<PoolField>;
  csrfToken: string;
  results: PoolResults | null;
}): PageContent {
  const { form, results } = input;
  return {
    title: 'Vivier de candidats',
    main: html`${pageHeader({ title: 'Vivier de candidats', trail: [HOME] })}
      <p>
        Seules les personnes qui l’ont accepté figurent dans le vivier. Choisissez au moins un critère : le vivier ne se
        parcourt pas en entier. Les résultats ne donnent ni nom ni coordonnées ; ouvrir un profil est une consultation
        enregistrée, que la personne voit dans « Mes accès ».
      </p>
      ${formErrors(form)}
      <form method="get" action="/recrutement/vivier" class="fr-mb-5w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            ${selectInput(form, 'poste', { label: 'Type de poste', choices: choices(postTypes), placeholder: 'Tous', required: false })}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            ${selectInput(form, 'categorie', {
              label: 'Catégorie recherchée',
              choices: categories.map((c) => ({ value: c, label: `Catégorie ${c}` })),
              placeholder: 'Toutes',
              required: false,
            })}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            ${selectInput(form, 'region', { label: 'Région', choices: choices(regionNames), placeholder: 'Toutes', required: false })}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            ${selectInput(form, 'departement', {
              label: 'Département',
              choices: departementOptions,
              placeholder: 'Tous',
              required: false,
            })}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            ${selectInput(form, 'langue', { label: 'Langue', choices: languageOptions, placeholder: 'Toutes', required: false })}
          </div>
          <div class="fr-col-12 fr-col-md-6">
            ${selectInput(form, 'niveau', {
              label: 'Niveau minimal dans cette langue',
              hint: 'Cadre européen commun de référence (A1 à C2).',
              choices: choices(cefrLevels),
              placeholder: 'Tous',
              required: false,
            })}
          </div>
        </div>
        ${submitButton('Rechercher', { icon: 'fr-icon-search-line' })}
      </form>
      ${results ? resultList(results, input.csrfToken) : null}`,
  };
}

/** One page of a pool search, and what the pagination needs to ask for the others. */
export interface PoolResults {
  summaries: readonly PoolSummaryView[];
  breadth: number;
  /** More matches than the pages served hold. */
  capped: boolean;
  page: number;
  pages: number;
  /** The criteria, to ask for another page of the same search. */
  query: URLSearchParams;
}

function resultList(results: PoolResults, csrfToken: string) {
  const count =
    results.breadth === 0
      ? 'Aucun profil ne correspond'
      : `${results.breadth} profil${results.breadth > 1 ? 's correspondent' : ' correspond'}`;
  return html`<h2 id="resultats">${count}</h2>
    ${alert(
      'info',
      results.capped
        ? `Seules les ${results.pages} premières pages sont consultables : ajoutez un critère pour affiner la recherche.`
        : undefined,
    )}
    <ul class="fr-raw-list" aria-labelledby="resultats">
      ${results.summaries.map(
        (summary) =>
          html`<li class="fr-p-2w fr-mb-2w fr-background-alt--grey">
            <h3 class="fr-h6 fr-mb-1w">${summary.label}</h3>
            ${summaryList([
              { label: 'Postes recherchés', value: tagGroup(summary.posts) },
              { label: 'Zones', value: summary.zones.join(', ') || 'Non précisées' },
              { label: 'Langues', value: summary.languages.join(', ') || 'Non précisées' },
            ])}
            ${actionButton({
              action: '/recrutement/vivier/profil',
              csrfToken,
              fields: { profil: summary.handle },
              label: 'Ouvrir le profil',
              options: { small: true, style: 'secondary', accessibleName: `Ouvrir le profil : ${summary.label}` },
            })}
          </li>`,
      )}
    </ul>
    ${pagination({
      current: results.page,
      total: results.pages,
      href: (page) =>
        `/recrutement/vivier?${new URLSearchParams([...results.query, ['page', String(page)]])}#resultats`,
    })}`;
}

/** One opened pool profile: no contact; the person chose to be found, not to be reached directly. */
export function poolProfilePage(input: { view: PoolProfileView }): PageContent {
  const { view } = input;
  return {
    title: `Profil du vivier : ${view.name}`,
    main: html`${pageHeader({ title: `Profil du vivier : ${view.name}`, trail: [HOME, POOL] })}
      ${alert('info', 'Cette consultation est enregistrée et figure dans « Mes accès » de la personne.')}
      ${summaryList([
        { label: 'Postes recherchés', value: tagGroup(view.posts) },
        { label: 'Zones', value: view.zones.join(', ') || 'Non précisées' },
        { label: 'Langues', value: view.languages.join(', ') || 'Non précisées' },
        {
          label: 'Parcours',
          value:
            view.career.length === 0
              ? 'Non renseigné'
              : html`<ul>
                  ${view.career.map((line) => html`<li>${line}</li>`)}
                </ul>`,
        },
        { label: 'Projet professionnel', value: view.aspirations ?? 'Non renseigné' },
      ])}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/recrutement/vivier">Nouvelle recherche</a>
      </p>`,
  };
}
