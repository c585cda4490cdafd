import {
  alert,
  badge,
  dataTable,
  emptyForm,
  html,
  pageHeader,
  pagination,
  selectInput,
  submitButton,
  type PageContent,
} from '../../ui/index.js';
import { followStatuses, statusLabel } from '../advising.policy.js';
import type { FollowLine } from '../follow.js';
import { ADVISOR_TRAIL } from './portfolio.page.js';

/** « Suivi des orientations »: every referral of the portfolio and where its training stands. */
export function followPage(input: {
  lines: readonly FollowLine[];
  total: number;
  status?: string;
  page: number;
  pages: number;
}): PageContent {
  const filter = emptyForm<'statut'>('', { statut: input.status ?? '' });
  const href = (page: number) =>
    `/conseiller/suivi?${new URLSearchParams({ ...(input.status ? { statut: input.status } : {}), page: String(page) })}`;
  return {
    title: 'Suivi des orientations',
    main: html`${pageHeader({
        title: 'Suivi des orientations',
        trail: ADVISOR_TRAIL,
        lead: 'Les orientations de vos demandeurs d’emploi et ce que les organismes de formation ont déclaré.',
      })}
      <form method="get" action="/conseiller/suivi" class="fr-mb-3w">
        ${selectInput(filter, 'statut', {
          label: 'Statut',
          required: false,
          placeholder: 'Tous les statuts',
          choices: followStatuses.map((status) => ({ value: status, label: statusLabel(status) })),
        })}
        ${submitButton('Filtrer', { style: 'secondary' })}
      </form>
      <h2 id="suivi-titre">Orientations (${input.total})</h2>
      ${
        input.lines.length === 0
          ? alert('info', 'Aucune orientation ne correspond.')
          : dataTable({
              labelledBy: 'suivi-titre',
              columns: [
                {
                  label: 'Demandeur d’emploi',
                  cell: (line) => html`<a href="/conseiller/demandeurs/${line.personId}">${line.name}</a>`,
                },
                {
                  label: 'Session',
                  cell: (line) =>
                    html`${line.session}<br /><span class="fr-text--sm">${line.organisation}, ${line.dates}</span>`,
                },
                { label: 'Statut', cell: (line) => badge(line.status, line.tone) },
                { label: 'Dernière déclaration', cell: (line) => line.lastDeclaration ?? 'Aucune' },
                { label: 'Orientation faite le', cell: (line) => line.referredOn },
              ],
              rows: input.lines,
              cardsBelow: 'lg',
            })
      }
      ${pagination({ current: input.page, total: input.pages, href })}`,
  };
}
