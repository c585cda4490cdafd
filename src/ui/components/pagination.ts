import { html, type SafeHtml } from '../html.js';

/**
 * The DSFR pagination for a list shown page by page. `href(n)` builds the address of page n
 * (the list's filters included); pages far from the current one collapse into « … ».
 */
export function pagination(input: { current: number; total: number; href: (page: number) => string }): SafeHtml | null {
  const { current, total } = input;
  if (total <= 1) return null;
  const shown = [...new Set([1, current - 1, current, current + 1, total])]
    .filter((page) => page >= 1 && page <= total)
    .sort((a, b) => a - b);
  const link = (page: number, label: string, extra: string, disabled: boolean) =>
    disabled
      ? html`<li><a class="fr-pagination__link ${extra}" aria-disabled="true" role="link">${label}</a></li>`
      : html`<li><a class="fr-pagination__link ${extra}" href="${input.href(page)}">${label}</a></li>`;
  return html`<nav role="navigation" class="fr-pagination" aria-label="Pagination">
    <ul class="fr-pagination__list">
      ${link(1, 'Première page', 'fr-pagination__link--first', current === 1)}
      ${link(current - 1, 'Page précédente', 'fr-pagination__link--prev fr-pagination__link--lg-label', current === 1)}
      ${shown.map((page, index) => {
        const gap =
          index > 0 && page - shown[index - 1]! > 1 ? html`<li><span class="fr-pagination__link">…</span></li>` : null;
        const item =
          page === current
            ? html`<li><a class="fr-pagination__link" aria-current="page" title="Page ${page}">${page}</a></li>`
            : html`<li><a class="fr-pagination__link" href="${input.href(page)}" title="Page ${page}">${page}</a></li>`;
        return html`${gap}${item}`;
      })}
      ${link(current + 1, 'Page suivante', 'fr-pagination__link--next fr-pagination__link--lg-label', current === total)}
      ${link(total, 'Dernière page', 'fr-pagination__link--last', current === total)}
    </ul>
  </nav>`;
}
