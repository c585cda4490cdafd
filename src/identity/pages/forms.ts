import { html, type SafeHtml } from '../../http/html.js';

/** A DSFR text field with its label, hint and error, wired for screen readers (RGAA 11.1, 11.10). */
export function field(input: {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  error?: string;
  value?: string;
  autocomplete?: string;
  inputmode?: string;
  required?: boolean;
  /** When two forms of one page share a field name, ids must still differ. */
  id?: string;
}): SafeHtml {
  const id = input.id ?? `champ-${input.name}`;
  const described = [input.hint ? `${id}-aide` : '', input.error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<div class="fr-input-group ${input.error ? 'fr-input-group--error' : ''}">
    <label class="fr-label" for="${id}"
      >${input.label}${input.hint ? html`<span class="fr-hint-text" id="${id}-aide">${input.hint}</span>` : null}</label
    >
    <input
      class="fr-input ${input.error ? 'fr-input--error' : ''}"
      id="${id}"
      name="${input.name}"
      type="${input.type ?? 'text'}"
      ${input.value !== undefined ? html`value="${input.value}"` : null}
      ${input.autocomplete ? html`autocomplete="${input.autocomplete}"` : null}
      ${input.inputmode ? html`inputmode="${input.inputmode}"` : null}
      ${input.required === false ? null : html`required`}
      ${described ? html`aria-describedby="${described}"` : null}
    />
    ${input.error ? html`<p class="fr-error-text" id="${id}-erreur">${input.error}</p>` : null}
  </div>`;
}

/** A DSFR alert for a form-level error, announced to screen readers. */
export function alertError(message: string | undefined): SafeHtml | null {
  if (!message) return null;
  return html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>${message}</p></div>`;
}

export function alertInfo(message: string | undefined): SafeHtml | null {
  if (!message) return null;
  return html`<div class="fr-alert fr-alert--info fr-mb-3w"><p>${message}</p></div>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}
