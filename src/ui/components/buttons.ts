import { html, type SafeHtml } from '../html.js';
import { csrfInput, hiddenInput } from './fields.js';

export type ButtonStyle = 'primary' | 'secondary' | 'tertiary';

const styleClass: Record<ButtonStyle, string> = {
  primary: '',
  secondary: 'fr-btn--secondary',
  tertiary: 'fr-btn--tertiary',
};

interface ButtonOptions {
  style?: ButtonStyle;
  small?: boolean;
  /** A DSFR icon name (`fr-icon-…`), shown left of the label. */
  icon?: string;
  /** A longer name for screen readers, when the label alone is ambiguous in a list. */
  accessibleName?: string;
}

function classes(options: ButtonOptions): string {
  return [
    'fr-btn',
    styleClass[options.style ?? 'primary'],
    options.small ? 'fr-btn--sm' : '',
    options.icon ? `${options.icon} fr-btn--icon-left` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A submit button. */
export function submitButton(label: string, options: ButtonOptions = {}): SafeHtml {
  return html`<button
    class="${classes(options)}"
    type="submit"
    ${options.accessibleName ? html`aria-label="${options.accessibleName}"` : null}
  >
    ${label}
  </button>`;
}

/** A link that looks like a button, for going somewhere rather than doing something. */
export function linkButton(label: string, href: string, options: ButtonOptions = {}): SafeHtml {
  return html`<a class="${classes(options)}" href="${href}">${label}</a>`;
}

/**
 * One button that posts a few hidden values to an action, with the CSRF token: an action on
 * one row of a list (approve, end a session). Ids travel in the body, never in the URL.
 */
export function actionButton(input: {
  action: string;
  csrfToken: string;
  fields: Record<string, string>;
  label: string;
  options?: ButtonOptions;
}): SafeHtml {
  return html`<form method="post" action="${input.action}">
    ${csrfInput(input.csrfToken)} ${Object.entries(input.fields).map(([name, value]) => hiddenInput(name, value))}
    ${submitButton(input.label, input.options)}
  </form>`;
}

/** Buttons side by side, that stack on a phone (DSFR `fr-btns-group`). */
export function buttonGroup(buttons: readonly (SafeHtml | null)[], options: { inline?: boolean } = {}): SafeHtml {
  return html`<ul class="fr-btns-group ${options.inline ? 'fr-btns-group--inline-md' : ''}">
    ${buttons.filter((button) => button !== null).map((button) => html`<li>${button}</li>`)}
  </ul>`;
}
