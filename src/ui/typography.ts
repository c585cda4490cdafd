/*
 * French typography for rendered pages: a non-breaking space (U+00A0) before « : ; ! ? » and
 * inside « », as the Lexique des règles typographiques de l’Imprimerie nationale asks, so that
 * a colon or a closing guillemet never starts a line. Authors write ordinary spaces (a literal
 * U+00A0 in a template is invisible in review and trips the linter's irregular-whitespace
 * rule); the layout applies this pass once, to the text a person reads.
 */

const NBSP = '\u00a0';
const BEFORE_PUNCTUATION = /[ \t\r\n]+([:;!?»])/g;
const AFTER_OPENING_GUILLEMET = /«[ \t\r\n]+/g;

/** The text with a non-breaking space where French typography requires one. */
export function frenchSpacing(text: string): string {
  return text.replace(BEFORE_PUNCTUATION, `${NBSP}$1`).replace(AFTER_OPENING_GUILLEMET, `«${NBSP}`);
}

// The attributes whose value a person reads or hears; every other one (values of fields,
// addresses, ids) is data and is left exactly as it is.
const READ_ATTRIBUTES = /(\s(?:aria-label|title|alt|placeholder)=")([^"]*)(")/g;
// Elements whose content is code or what a person typed, never prose.
const VERBATIM = new Set(['script', 'style', 'textarea', 'pre']);
const TAG = /(<[^>]*>)/;

/**
 * Applies {@link frenchSpacing} to the text of a page we rendered ourselves: text between tags
 * and the attributes read aloud. Our markup comes from `html`, which escapes `<` and `>` in
 * every value, so a `<` in the output always opens a tag.
 */
export function frenchSpacingInHtml(markup: string): string {
  const known = typeset.get(markup);
  if (known !== undefined) return known;
  const done = spaceHtml(markup);
  // The same page for every anonymous visitor (home, help pages) is typeset once; pages that
  // carry a token differ each time and only pass through.
  if (typeset.size >= TYPESET_KEPT) typeset.delete(typeset.keys().next().value!);
  typeset.set(markup, done);
  return done;
}

const TYPESET_KEPT = 64;
const typeset = new Map<string, string>();

function spaceHtml(markup: string): string {
  let verbatim: string | null = null;
  return markup
    .split(TAG)
    .map((part) => {
      if (!part.startsWith('<')) return verbatim ? part : frenchSpacing(part);
      const name = /^<\/?([a-z0-9-]+)/i.exec(part)?.[1]?.toLowerCase();
      if (verbatim && part.startsWith('</') && name === verbatim) verbatim = null;
      else if (!verbatim && name && VERBATIM.has(name) && !part.startsWith('</')) verbatim = name;
      return part.replace(READ_ATTRIBUTES, (_all, open: string, value: string, close: string) =>
        verbatim ? `${open}${value}${close}` : `${open}${frenchSpacing(value)}${close}`,
      );
    })
    .join('');
}

/**
 * Where a text breaks the rule: each ordinary space before « : ; ! ? » or inside « », with a
 * few characters around it, for tests over rendered pages.
 */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  for (const pattern of [/ [:;!?»]/g, /« /g]) {
    for (const match of text.matchAll(pattern)) {
      faults.push(text.slice(Math.max(0, match.index - 20), match.index + 10));
    }
  }
  return faults;
}
