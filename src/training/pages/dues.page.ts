import {
  badge,
  dataTable,
  html,
  linkButton,
  pageHeader,
  pagination,
  type PageContent,
  frenchDay,
} from '../../ui/index.js';
import { dueLabel, type DueView } from '../training.presenter.js';

/** The declarations the organisation owes, the most overdue first, or only the overdue ones. */
export function duesPage(input: {
  dues: DueView[];
  overdueOnly: boolean;
  page: number;
  pages: number;
  total: number;
}): PageContent {
  const title = input.overdueOnly ? 'Déclarations en retard' : 'Déclarations à faire';
  const query = input.overdueOnly ? 'retard=oui&' : '';
  return {
    title,
    main: html`${pageHeader({
        title,
        trail: [{ label: 'Mon organisme', href: '/organisme' }],
        lead: 'Chaque déclaration (entrée, présence du mois, sortie) est à faire dans les trois jours.',
      })}
      <p>
        ${
          input.overdueOnly
            ? html`<a href="/organisme/declarations">Voir toutes les déclarations à faire</a>`
            : html`<a href="/organisme/declarations?retard=oui">Voir seulement les déclarations en retard</a>`
        }
      </p>
      <h2 id="liste-declarations">${String(input.total)} déclaration${input.total > 1 ? 's' : ''}</h2>
      ${
        input.dues.length === 0
          ? html`<p>Rien à déclarer pour l’instant.</p>`
          : dataTable({
              labelledBy: 'liste-declarations',
              rows: input.dues,
              columns: [
                {
                  label: 'Stagiaire',
                  cell: (d) =>
                    html`${d.lastName} ${d.firstName}<br /><span class="fr-text--sm">${d.franceTravailId ?? ''}</span>`,
                },
                { label: 'Session', cell: (d) => d.sessionTitle },
                { label: 'À déclarer', cell: (d) => dueLabel(d) },
                {
                  label: 'Échéance',
                  cell: (d) => html`${frenchDay(d.dueOn)} ${d.late ? badge('En retard', 'error') : null}`,
                },
              ],
              actions: {
                label: 'Action',
                cell: (d) =>
                  linkButton('Déclarer', `/organisme/orientations/${d.referralId}`, {
                    small: true,
                    accessibleName: `Déclarer pour ${d.firstName} ${d.lastName}`,
                  }),
              },
            })
      }
      ${pagination({
        current: input.page,
        total: input.pages,
        href: (n) => `/organisme/declarations?${query}page=${n}`,
      })}`,
  };
}
