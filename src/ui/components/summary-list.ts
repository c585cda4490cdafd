import { html, type HtmlValue, type SafeHtml } from '../html.js';

export interface SummaryRow {
  label: string;
  value: HtmlValue;
}

/** Label–value pairs (a person's details, a request), as a description list. */
export function summaryList(rows: readonly SummaryRow[]): SafeHtml {
  return html`<dl class="fr-mb-3w fr-pl-0">
    ${rows.map(
      (row) =>
        html`<dt class="fr-text--bold fr-mb-0">${row.label}</dt>
          <dd class="fr-mb-2w fr-ml-0">${row.value}</dd>`,
    )}
  </dl>`;
}
