import { html, type HtmlValue, type SafeHtml } from '../html.js';

/** Which of the two renderings of a row a cell is drawn in (see dataTable). */
export type RowLayout = 'table' | 'card';

export interface Column<Row> {
  label: string;
  /**
   * A row's value in this column. It is drawn twice, once per layout: a cell that holds a form
   * field makes its ids from `layout`, so that no id is in the page twice.
   */
  cell: (row: Row, layout: RowLayout) => HtmlValue;
}

/**
 * A list of rows, usable on any screen. From the DSFR's `md` breakpoint up, a DSFR table; below
 * it, where the columns and their buttons would run off a phone's screen, one card per row with
 * each value under its column's name and the actions underneath. Both are in the page, and CSS
 * shows one (`fr-hidden-md` / `fr-unhidden-md`): a hidden one is `display: none`, so assistive
 * technologies meet the rows once. The DSFR has no stacked table of its own.
 *
 * Name the list by the id of the heading above it (`labelledBy`) rather than a caption that
 * would repeat the heading.
 */
export function dataTable<Row>(input: {
  labelledBy: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** The last column: what may be done with the row (buttons). */
  actions?: Column<Row>;
  /** Below which DSFR breakpoint rows become cards: `lg` for a table too wide for a tablet. */
  cardsBelow?: 'md' | 'lg';
}): SafeHtml {
  const columns = input.actions ? [...input.columns, input.actions] : input.columns;
  const breakpoint = input.cardsBelow ?? 'md';
  return html`<div class="fr-hidden fr-unhidden-${breakpoint}">
      <div class="fr-table fr-table--no-caption">
        <div class="fr-table__wrapper">
          <div class="fr-table__container">
            <div class="fr-table__content">
              <table aria-labelledby="${input.labelledBy}">
                <thead>
                  <tr>
                    ${columns.map((column) => html`<th scope="col">${column.label}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${input.rows.map(
                    (row) =>
                      html`<tr>
                        ${columns.map((column) => html`<td class="fr-cell--multiline">${column.cell(row, 'table')}</td>`)}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </div>
    <ul class="fr-hidden-${breakpoint} fr-raw-list" aria-labelledby="${input.labelledBy}">
      ${input.rows.map(
        (row) =>
          html`<li class="fr-p-2w fr-mb-2w fr-background-alt--grey">
            <dl class="fr-mb-0">
              ${input.columns.map(
                (column) =>
                  html`<dt class="fr-text--sm fr-text--bold fr-mb-0">${column.label}</dt>
                    <dd class="fr-ml-0 fr-mb-1w">${column.cell(row, 'card')}</dd>`,
              )}
            </dl>
            ${input.actions ? html`<div class="fr-mt-1w">${input.actions.cell(row, 'card')}</div>` : null}
          </li>`,
      )}
    </ul>`;
}
