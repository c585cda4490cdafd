import { badge, html, type BadgeKind, type SafeHtml } from '../../ui/index.js';
import type { HistoryView, StatusView } from '../recruiting.presenter.js';

/*
 * Pieces the recruiting pages share: the status badge, an application's history, and a text
 * typed on several lines.
 */

const kinds: Record<StatusView['code'], BadgeKind | undefined> = {
  submitted: 'new',
  reviewing: 'info',
  interview: 'warning',
  accepted: 'success',
  rejected: 'error',
  withdrawn: undefined,
};

/** The status in a badge, and the refusal's reason under it when there is one. */
export function statusBadge(status: StatusView): SafeHtml {
  return html`${badge(status.label, kinds[status.code])}${
    status.reason ? html`<br /><span class="fr-text--sm">${status.reason}</span>` : null
  }`;
}

/** The history of an application, oldest first, with each message's words. */
export function historyList(history: readonly HistoryView[], headingId: string): SafeHtml {
  if (history.length === 0) return html`<p>Aucun échange pour l’instant.</p>`;
  return html`<ol class="fr-raw-list" aria-labelledby="${headingId}">
    ${history.map(
      (entry) =>
        html`<li class="fr-p-2w fr-mb-2w fr-background-alt--grey">
          <p class="fr-text--sm fr-mb-1w">${entry.when}</p>
          <p class="fr-text--bold fr-mb-${entry.body ? '1w' : '0'}">${entry.what}</p>
          ${entry.body ? paragraphs(entry.body) : null}
        </li>`,
    )}
  </ol>`;
}

/** Text typed on several lines, its line breaks kept (each value escaped). */
export function paragraphs(text: string): SafeHtml {
  const lines = text.split(/\r?\n/);
  return html`<p class="fr-mb-0">${lines.map((line, n) => html`${n > 0 ? html`<br />` : null}${line}`)}</p>`;
}
