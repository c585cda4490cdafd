import {
  actionButton,
  alert,
  csrfInput,
  dataTable,
  formErrors,
  hiddenInput,
  html,
  linkButton,
  pageHeader,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
} from '../../ui/index.js';
import type { SavedSearchView } from '../alerts/saved-searches.presenter.js';

const trail = [
  { label: 'Accueil', href: '/' },
  { label: 'Offres d’emploi public', href: '/offres' },
];

/** A candidate's saved searches: each one's criteria, a link to run it, a way to delete it. */
export function alertsPage(input: {
  searches: readonly SavedSearchView[];
  csrfToken: string;
  info?: string;
}): PageContent {
  return {
    title: 'Mes alertes',
    main: html`${pageHeader({
        title: 'Mes alertes',
        trail,
        lead: 'Pour chaque recherche enregistrée, vous recevez un courriel quand de nouvelles offres y correspondent.',
      })}
      ${alert('success', input.info)}
      <h2 id="mes-alertes">
        ${input.searches.length === 0 ? 'Aucune recherche enregistrée' : 'Recherches enregistrées'}
      </h2>
      ${
        input.searches.length === 0
          ? html`<p>
              Faites une recherche sur la page des offres, puis choisissez « Recevoir les nouvelles offres par courriel
              ».
            </p>`
          : dataTable({
              labelledBy: 'mes-alertes',
              rows: input.searches,
              columns: [
                { label: 'Nom', cell: (search) => html`<a class="fr-link" href="${search.href}">${search.label}</a>` },
                { label: 'Critères', cell: (search) => search.summary },
                { label: 'Créée le', cell: (search) => search.createdOn },
              ],
              actions: {
                label: 'Action',
                cell: (search) =>
                  actionButton({
                    action: '/offres/alertes/suppression',
                    csrfToken: input.csrfToken,
                    fields: { id: search.id },
                    label: 'Supprimer',
                    options: { style: 'secondary', small: true, accessibleName: `Supprimer l’alerte ${search.label}` },
                  }),
              },
            })
      }
      <p>${linkButton('Chercher des offres', '/offres', { style: 'tertiary' })}</p>`,
  };
}

/** Saving the search just made: its name, and what it looks for. */
export function newAlertPage(input: {
  form: FormState<'label'>;
  summary: string;
  hidden: Record<string, string>;
}): PageContent {
  return {
    title: 'Créer une alerte',
    main: html`${pageHeader({ title: 'Créer une alerte', trail })} ${formErrors(input.form)}
      <p>Critères de la recherche : ${input.summary}</p>
      <form method="post" action="/offres/alertes/nouvelle">
        ${csrfInput(input.form)} ${Object.entries(input.hidden).map(([name, value]) => hiddenInput(name, value))}
        ${textInput(input.form, 'label', { label: 'Nom de l’alerte', hint: 'Pour la reconnaître dans vos courriels et vos alertes.' })}
        ${submitButton('Enregistrer l’alerte')}
      </form>`,
  };
}
