import { fieldId, html, valueOf, type FormState, type SafeHtml } from '../../ui/index.js';

/**
 * A DSFR multi-line field, wired like the kit's text fields (label, hint and error tied by
 * aria-describedby, RGAA 11): the missions and the profile of an offer run to paragraphs.
 */
export function textArea<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: { label: string; hint?: string; required?: boolean; rows?: number },
): SafeHtml {
  const id = fieldId(name);
  const error = form.errors[name];
  const described = [options.hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
    <label class="fr-label" for="${id}"
      >${options.label}${options.hint ? html`<span class="fr-hint-text" id="${id}-aide">${options.hint}</span>` : null}</label
    >
    <textarea
      class="fr-input ${error ? 'fr-input--error' : ''}"
      id="${id}"
      name="${name}"
      rows="${String(options.rows ?? 6)}"
      ${options.required ? html`required` : null}
      ${error ? html`aria-invalid="true"` : null}
      ${described ? html`aria-describedby="${described}"` : null}
    >
${valueOf(form, name) ?? ''}</textarea>
    ${error ? html`<p class="fr-error-text" id="${id}-erreur">${error}</p>` : null}
  </div>`;
}
