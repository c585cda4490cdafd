/**
 * French typography for text the CLI prints: a non-breaking space before « : ; ! ? » and inside
 * « » (Imprimerie nationale's rules). Sources stay readable with plain spaces; only a sign
 * followed by a space or the end of a line takes one, so `::1` or `postgres://` stay intact.
 */
export function typeset(text: string): string {
  return text
    .replace(/ ([:;!?»])(?=\s|$|[.,)])/gm, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»');
}
