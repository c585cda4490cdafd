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

/** `out`, with every text written to it typeset: for commands whose messages are all French. */
export function frenchOut(out: NodeJS.WritableStream): NodeJS.WritableStream {
  const typesetting = Object.create(out) as NodeJS.WritableStream;
  typesetting.write = ((chunk: unknown, ...rest: unknown[]) =>
    (out.write as (...args: unknown[]) => boolean)(
      typeof chunk === 'string' ? typeset(chunk) : chunk,
      ...rest,
    )) as never;
  return typesetting;
}
