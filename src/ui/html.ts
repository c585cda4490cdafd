/*
 * An auto-escaping `html` tagged template. It is about thirty lines, so we write it rather than
 * take a templating dependency: every interpolated value is escaped unless it is itself the
 * result of `html`, which makes escaping the default and forgetting it impossible (ASVS V5.3.3).
 *
 * Attributes must be quoted (`href="${url}"`): escaping protects quoted attribute values and
 * text, not unquoted attributes, and it does not vet URL schemes (`javascript:`); a URL that
 * comes from data must be checked before it reaches a template.
 */

const content = Symbol('rempart.safeHtml');

/** Markup produced by {@link html}: the only value that is inserted into a page unescaped. */
export interface SafeHtml {
  readonly [content]: string;
}

/** What may be interpolated: text is escaped, SafeHtml is kept, lists are concatenated. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ENTITIES[char] ?? char);
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && content in value;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafeHtml(value)) return value[content];
  if (Array.isArray(value)) return value.map((item: HtmlValue) => render(item)).join('');
  return escapeHtml(String(value));
}

/** Builds markup from a template; each `${value}` is escaped unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return { [content]: out };
}

/** The markup as a string, to send as a response body. */
export function toHtmlString(markup: SafeHtml): string {
  return markup[content];
}
