import { fieldId, type FormState } from '../form-state.js';
import { html, type SafeHtml } from '../html.js';

export type AlertKind = 'info' | 'success' | 'warning' | 'error';

/**
 * A DSFR alert. An error is announced at once (role="alert"); the others are read in their
 * place, since a page that just loaded need not interrupt the person.
 */
export function alert(kind: AlertKind, message: string | undefined, title?: string): SafeHtml | null {
  if (!message) return null;
  return html`<div class="fr-alert fr-alert--${kind} fr-mb-3w" ${kind === 'error' ? html`role="alert"` : null}>
    ${title ? html`<h2 class="fr-alert__title">${title}</h2>` : null}
    <p>${message}</p>
  </div>`;
}

/**
 * At the top of a form sent back with errors: how many, and a link to each field in error, so a
 * keyboard or screen-reader user reaches them at once (RGAA 11.10, 11.11). The form-level error,
 * if any, comes first.
 */
export function formErrors<Name extends string>(form: FormState<Name>, ids: Partial<Record<Name, string>> = {}) {
  const fields = (Object.entries(form.errors) as [Name, string | undefined][]).filter(([, message]) => message);
  if (fields.length === 0) return alert('error', form.error);
  const count =
    fields.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${fields.length} erreurs`;
  return html`<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
    <h2 class="fr-alert__title">${count}</h2>
    ${form.error ? html`<p>${form.error}</p>` : null}
    <ul>
      ${fields.map(([name, message]) => html`<li><a href="#${fieldId(name, ids[name])}">${message}</a></li>`)}
    </ul>
  </div>`;
}
