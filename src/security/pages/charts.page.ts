import { alert, dataTable, html, pageHeader, type PageContent, type SafeHtml } from '../../ui/index.js';
import type { ChartData, ChartsView } from '../charts.js';
import { TOP_N, WINDOW_DAYS } from '../security.queries.js';
import { CONSOLE_TRAIL } from './console.page.js';

/** The scripts that draw the charts: Chart.js, served from our origin, then ours. */
export const CHART_SCRIPTS = ['/static/chart.js', '/static/graphiques-securite.js'];

/**
 * A chart: a canvas the page script draws on from `data-graphique`, named for assistive
 * technologies, which read the table that follows it (the same figures, in text).
 */
function chart(id: string, title: string, data: ChartData): SafeHtml {
  return html`<figure class="fr-mx-0 fr-my-3w">
    <canvas
      id="${id}"
      role="img"
      aria-label="${title} : graphique ; les mêmes chiffres sont dans le tableau qui suit."
      data-graphique="${JSON.stringify(data)}"
    ></canvas>
  </figure>`;
}

/**
 * « Volumes consultés »: over the last days, the people each of the top readers read day by
 * day, the people each organisation's accounts read, and the top readers with their refused
 * reads. Counts only: nobody read is named.
 */
export function chartsPage(view: ChartsView): PageContent {
  const empty = view.readers.length === 0;
  return {
    title: 'Volumes consultés',
    scripts: empty ? [] : CHART_SCRIPTS,
    main: html`${pageHeader({
      title: 'Volumes consultés',
      trail: CONSOLE_TRAIL,
      lead: `Personnes distinctes consultées par les comptes du personnel et des partenaires, sur les ${WINDOW_DAYS} derniers jours (jusqu’aux ${TOP_N} premiers). Seules les consultations autorisées comptent.`,
    })}
    ${
      empty
        ? alert('info', `Aucune consultation de personnes sur les ${WINDOW_DAYS} derniers jours.`)
        : html`<h2 id="par-jour">Personnes consultées par compte, jour par jour</h2>
            ${chart('graphique-par-jour', 'Personnes consultées par compte, jour par jour', view.overTime)}
            ${dataTable({
              labelledBy: 'par-jour',
              cardsBelow: 'lg',
              rows: view.readers,
              columns: [
                { label: 'Compte', cell: (row) => html`<a href="${row.href}">${row.account}</a>` },
                ...view.days.map((day, i) => ({
                  label: day,
                  cell: (row: (typeof view.readers)[number]) => row.byDay[i],
                })),
              ],
            })}
            <h2 id="par-organisme" class="fr-mt-5w">Personnes consultées par organisation</h2>
            ${chart('graphique-par-organisme', 'Personnes consultées par organisation', view.perOrganisation)}
            ${dataTable({
              labelledBy: 'par-organisme',
              rows: view.organisations,
              columns: [
                { label: 'Organisation', cell: (row) => row.name },
                { label: 'Personnes consultées', cell: (row) => row.people },
                { label: 'Comptes qui ont consulté', cell: (row) => row.accounts },
              ],
            })}
            <h2 id="premiers" class="fr-mt-5w">Les comptes qui ont consulté le plus de personnes</h2>
            ${chart('graphique-premiers', 'Les comptes qui ont consulté le plus de personnes', view.top)}
            ${dataTable({
              labelledBy: 'premiers',
              cardsBelow: 'lg',
              rows: view.readers,
              columns: [
                { label: 'Compte', cell: (row) => html`<a href="${row.href}">${row.account}</a>` },
                { label: 'État', cell: (row) => row.status },
                { label: 'Personnes consultées', cell: (row) => row.people },
                { label: 'Consultations autorisées', cell: (row) => row.reads },
                { label: 'Consultations refusées', cell: (row) => row.refused },
              ],
            })}`
    }`,
  };
}
