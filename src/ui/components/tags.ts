import { html, type SafeHtml } from '../html.js';

export type BadgeKind = 'success' | 'error' | 'info' | 'warning' | 'new';

/** A DSFR badge: a status in a word or two (« Actif », « Suspendu »). */
export function badge(label: string, kind?: BadgeKind): SafeHtml {
  return html`<p class="fr-badge fr-badge--sm ${kind ? `fr-badge--${kind}` : ''} fr-badge--no-icon">${label}</p>`;
}

/** A DSFR tag: a category or a keyword, not a status. */
export function tag(label: string): SafeHtml {
  return html`<p class="fr-tag fr-tag--sm">${label}</p>`;
}

/** Several tags in a row, wrapping on a phone. */
export function tagGroup(labels: readonly string[]): SafeHtml {
  return html`<ul class="fr-tags-group">
    ${labels.map((label) => html`<li>${tag(label)}</li>`)}
  </ul>`;
}
