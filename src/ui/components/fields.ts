import { fieldId, valueOf, valuesOf, type FormState } from '../form-state.js';
import { html, type SafeHtml } from '../html.js';

/*
 * DSFR form fields that read their value and error from a FormState, wired as RGAA 11 asks:
 * every field has a label, a hint and an error are tied to it by aria-describedby, and a field
 * in error is marked `fr-input-group--error` with its message in `fr-error-text`.
 */

interface FieldOptions {
  label: string;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  /** When two forms of one page share a field name, ids must still differ. */
  id?: string;
}

/** The ids a field's input is described by: its hint and its error, when it has them. */
function describedBy(id: string, hint: string | undefined, error: string | undefined): SafeHtml | null {
  const ids = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return ids ? html`aria-describedby="${ids}"` : null;
}

function label(id: string, options: FieldOptions): SafeHtml {
  return html`<label class="fr-label" for="${id}"
    >${options.label}${options.hint ? html`<span class="fr-hint-text" id="${id}-aide">${options.hint}</span>` : null}</label
  >`;
}

function errorText(id: string, error: string | undefined): SafeHtml | null {
  return error ? html`<p class="fr-error-text" id="${id}-erreur">${error}</p>` : null;
}

function inputAttributes(id: string, options: FieldOptions, error: string | undefined): SafeHtml {
  return html`id="${id}" ${options.autocomplete ? html`autocomplete="${options.autocomplete}"` : null}
  ${options.required === false ? null : html`required`} ${error ? html`aria-invalid="true"` : null}
  ${describedBy(id, options.hint, error)}`;
}

/** A one-line text field (text, e-mail, number…), with what was typed put back. */
export function textInput<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: FieldOptions & { type?: 'text' | 'email' | 'tel' | 'number' | 'date' | 'search'; inputmode?: string },
): SafeHtml {
  const id = fieldId(name, options.id);
  const error = form.errors[name];
  const value = valueOf(form, name);
  return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
    ${label(id, options)}
    <input
      class="fr-input ${error ? 'fr-input--error' : ''}"
      name="${name}"
      type="${options.type ?? 'text'}"
      ${value !== undefined ? html`value="${value}"` : null}
      ${options.inputmode ? html`inputmode="${options.inputmode}"` : null}
      ${inputAttributes(id, options, error)}
    />
    ${errorText(id, error)}
  </div>`;
}

/** A text of several lines (a note, a message), with what was typed put back. */
export function textArea<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: FieldOptions & { rows?: number; maxLength?: number },
): SafeHtml {
  const id = fieldId(name, options.id);
  const error = form.errors[name];
  return html`<div class="fr-input-group ${error ? 'fr-input-group--error' : ''}">
    ${label(id, options)}
    <textarea
      class="fr-input ${error ? 'fr-input--error' : ''}"
      name="${name}"
      rows="${options.rows ?? 5}"
      ${options.maxLength ? html`maxlength="${options.maxLength}"` : null}
      ${inputAttributes(id, options, error)}
    >
${valueOf(form, name) ?? ''}</textarea>
    ${errorText(id, error)}
  </div>`;
}

/**
 * A password field with the DSFR's « Afficher » toggle, run by the DSFR's own script (no inline
 * script). The hint (the password rule) sits under the field, where the DSFR puts it, since the
 * toggle takes the end of the label's line. Its value is never put back: a page shown again
 * after an error asks for it again.
 */
export function passwordInput<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: FieldOptions & { autocomplete: 'current-password' | 'new-password' },
): SafeHtml {
  const id = fieldId(name, options.id);
  const error = form.errors[name];
  return html`<div class="fr-password fr-input-group ${error ? 'fr-input-group--error' : ''}">
    ${label(id, { ...options, hint: undefined })}
    <div class="fr-input-wrap">
      <input
        class="fr-password__input fr-input ${error ? 'fr-input--error' : ''}"
        name="${name}"
        type="password"
        ${inputAttributes(id, options, error)}
      />
    </div>
    ${options.hint ? html`<p class="fr-hint-text fr-mt-1w" id="${id}-aide">${options.hint}</p>` : null}
    ${errorText(id, error)}
    <div class="fr-password__checkbox fr-checkbox-group fr-checkbox-group--sm">
      <input id="${id}-afficher" type="checkbox" aria-label="Afficher le mot de passe" />
      <label class="fr-password__checkbox fr-label" for="${id}-afficher">Afficher</label>
    </div>
  </div>`;
}

/** One choice of a select, a group of radios or a group of checkboxes. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** A DSFR select; `placeholder` adds a first empty option (« Choisir… »). */
export function selectInput<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: FieldOptions & { choices: readonly Choice[]; placeholder?: string },
): SafeHtml {
  const id = fieldId(name, options.id);
  const error = form.errors[name];
  const selected = valueOf(form, name);
  return html`<div class="fr-select-group ${error ? 'fr-select-group--error' : ''}">
    ${label(id, options)}
    <select class="fr-select ${error ? 'fr-select--error' : ''}" name="${name}" ${inputAttributes(id, options, error)}>
      ${options.placeholder !== undefined ? html`<option value="">${options.placeholder}</option>` : null}
      ${options.choices.map(
        (choice) =>
          html`<option value="${choice.value}" ${choice.value === selected ? html`selected` : null}>
            ${choice.label}
          </option>`,
      )}
    </select>
    ${errorText(id, error)}
  </div>`;
}

/** A group of radio buttons or checkboxes in a DSFR fieldset, with one error for the group. */
function choiceGroup<Name extends string>(
  kind: 'radio' | 'checkbox',
  form: FormState<Name>,
  name: Name,
  options: { legend: string; hint?: string; choices: readonly Choice[]; required?: boolean; id?: string },
): SafeHtml {
  const id = fieldId(name, options.id);
  const error = form.errors[name];
  const checked = valuesOf(form, name);
  const labelledBy = [`${id}-legende`, error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return html`<fieldset
    class="fr-fieldset ${error ? 'fr-fieldset--error' : ''}"
    id="${id}"
    aria-labelledby="${labelledBy}"
  >
    <legend class="fr-fieldset__legend" id="${id}-legende">
      ${options.legend}${options.hint ? html`<span class="fr-hint-text">${options.hint}</span>` : null}
    </legend>
    ${options.choices.map(
      (choice) =>
        html`<div class="fr-fieldset__element">
          <div class="fr-${kind}-group">
            <input
              type="${kind}"
              id="${id}-${choice.value}"
              name="${name}"
              value="${choice.value}"
              ${checked.includes(choice.value) ? html`checked` : null}
              ${kind === 'radio' && options.required !== false ? html`required` : null}
            />
            <label class="fr-label" for="${id}-${choice.value}"
              >${choice.label}${choice.hint ? html`<span class="fr-hint-text">${choice.hint}</span>` : null}</label
            >
          </div>
        </div>`,
    )}
    <div class="fr-messages-group" aria-live="polite">
      ${error ? html`<p class="fr-message fr-message--error" id="${id}-erreur">${error}</p>` : null}
    </div>
  </fieldset>`;
}

/** One choice among several, as radio buttons. */
export function radioGroup<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: { legend: string; hint?: string; choices: readonly Choice[]; required?: boolean; id?: string },
): SafeHtml {
  return choiceGroup('radio', form, name, options);
}

/** Any number of choices, as checkboxes sent under one name. */
export function checkboxGroup<Name extends string>(
  form: FormState<Name>,
  name: Name,
  options: { legend: string; hint?: string; choices: readonly Choice[]; id?: string },
): SafeHtml {
  return choiceGroup('checkbox', form, name, { ...options, required: false });
}

/** A hidden field: ids and tokens a form carries back, never shown. */
export function hiddenInput(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}" />`;
}

/** The CSRF token every form posts (`_csrf`, checked by @fastify/csrf-protection). */
export function csrfInput(form: { csrfToken: string } | string): SafeHtml {
  return hiddenInput('_csrf', typeof form === 'string' ? form : form.csrfToken);
}
