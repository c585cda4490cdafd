import {
  alert,
  csrfInput,
  dataTable,
  formErrors,
  html,
  linkButton,
  pageHeader,
  pagination,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  type SafeHtml,
  frenchDay,
} from '../../ui/index.js';
import type { PersonLine } from '../advising.presenter.js';
import type { PortfolioLine } from '../portfolio.js';

export type SearchField = 'identifiant' | 'nom' | 'prenom';

export const ADVISOR_TRAIL = [{ label: 'Mon portefeuille', href: '/conseiller' }];

const personLink = (line: PersonLine) => html`<a href="/conseiller/demandeurs/${line.personId}">${line.name}</a>`;

/** The search within the portfolio: an exact identifier, or an exact nom and prénom. */
export function searchForm(form: FormState<SearchField>): SafeHtml {
  return html`<form method="post" action="/conseiller/recherche" novalidate>
    ${csrfInput(form)} ${formErrors(form)}
    <fieldset class="fr-fieldset" aria-labelledby="recherche-legende">
      <legend class="fr-fieldset__legend" id="recherche-legende">
        Rechercher dans mon portefeuille
        <span class="fr-hint-text"
          >Par identifiant France Travail, ou par nom et prénom exacts. Seuls vos demandeurs d’emploi sont
          cherchés.</span
        >
      </legend>
      <div class="fr-fieldset__element">
        ${textInput(form, 'identifiant', { label: 'Identifiant France Travail', required: false, hint: 'Par exemple 1234567A.' })}
      </div>
      <div class="fr-fieldset__element fr-fieldset__element--inline">
        ${textInput(form, 'nom', { label: 'Nom', required: false, autocomplete: 'off' })}
      </div>
      <div class="fr-fieldset__element fr-fieldset__element--inline">
        ${textInput(form, 'prenom', { label: 'Prénom', required: false, autocomplete: 'off' })}
      </div>
    </fieldset>
    ${submitButton('Rechercher')}
  </form>`;
}

/** People found or listed, each linked to their page. */
export function peopleTable(labelledBy: string, lines: readonly PersonLine[]): SafeHtml {
  return dataTable({
    labelledBy,
    columns: [
      { label: 'Nom et prénom', cell: personLink },
      { label: 'Identifiant France Travail', cell: (line) => line.franceTravailId },
      { label: 'Inscription', cell: (line) => line.registration },
    ],
    rows: lines,
  });
}

/** « Mon portefeuille »: the advisor's home. */
export function portfolioPage(input: {
  form: FormState<SearchField>;
  lines: readonly PortfolioLine[];
  total: number;
  page: number;
  pages: number;
}): PageContent {
  const table = dataTable({
    labelledBy: 'portefeuille-titre',
    columns: [
      { label: 'Nom et prénom', cell: personLink },
      { label: 'Identifiant France Travail', cell: (line) => line.franceTravailId },
      { label: 'Inscription', cell: (line) => line.registration },
      { label: 'Dernière orientation', cell: (line) => line.latest ?? 'Aucune' },
      { label: 'Suivi depuis le', cell: (line) => frenchDay(line.since) },
    ],
    rows: input.lines,
  });
  return {
    title: 'Mon portefeuille',
    main: html`${pageHeader({
        title: 'Mon portefeuille',
        lead: 'Les demandeurs d’emploi que vous accompagnez : orientez-les vers une formation et suivez leur parcours.',
      })}
      ${searchForm(input.form)}
      <h2 id="portefeuille-titre" class="fr-mt-5w">Demandeurs d’emploi suivis (${input.total})</h2>
      ${linkButton('Suivi des orientations', '/conseiller/suivi', { style: 'secondary' })}
      ${
        input.lines.length === 0
          ? alert('info', 'Votre portefeuille est vide pour le moment.')
          : html`<div class="fr-mt-3w">${table}</div>`
      }
      ${pagination({ current: input.page, total: input.pages, href: (page) => `/conseiller?page=${page}` })}`,
  };
}

/** The search page, with what was found when the advisor searched. */
export function searchPage(input: {
  form: FormState<SearchField>;
  found?: { lines: readonly PersonLine[]; capped: boolean };
}): PageContent {
  const found = input.found;
  return {
    title: 'Rechercher un demandeur d’emploi',
    main: html`${pageHeader({ title: 'Rechercher un demandeur d’emploi', trail: ADVISOR_TRAIL })}
    ${searchForm(input.form)}
    ${
      found
        ? html`<h2 id="resultats-titre" class="fr-mt-5w">Résultats (${found.lines.length})</h2>
            ${
              found.lines.length === 0
                ? alert('info', 'Aucun demandeur d’emploi de votre portefeuille ne correspond à cette recherche.')
                : peopleTable('resultats-titre', found.lines)
            }
            ${found.capped ? alert('warning', 'Seuls les premiers résultats sont affichés : précisez la recherche.') : null}`
        : null
    }`,
  };
}
