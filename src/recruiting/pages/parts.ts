import { badge, fieldId, html, valueOf, type BadgeKind, type FormState, type SafeHtml } from '../../ui/index.js';
import type { HistoryView, StatusView } from '../recruiting.presenter.js';

/*
 * Pieces the recruiting pages share: the status badge, an application's history, and a
 * multi-line text field (the DSFR's textarea, wired as the ui kit wires its fields: RGAA 11).
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

/** A multi-line text field, with what was typed put back. */
export function textArea<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: { label: string; hint?: string; rows?: number; maxLength: number; required?: boolean },
): SafeHtml {
  const id = fieldId(name);
  const error = form.errors[name];
  const describedBy = [options.hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
    <label class="fr-label" for="${id}"
      >${options.label}${options.hint ? html`<span class="fr-hint-text" id="${id}-aide">${options.hint}</span>` : null}</label
    >
    <textarea
      class="fr-input ${error ? 'fr-input--error' : ''}"
      id="${id}"
      name="${name}"
      rows="${String(options.rows ?? 6)}"
      maxlength="${String(options.maxLength)}"
      ${options.required === false ? null : html`required`}
      ${error ? html`aria-invalid="true"` : null}
      ${describedBy ? html`aria-describedby="${describedBy}"` : null}
    >
${valueOf(form, name) ?? ''}</textarea>
    ${error ? html`<p class="fr-error-text" id="${id}-erreur">${error}</p>` : null}
  </div>`;
}
