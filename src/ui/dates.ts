const longDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** An ISO day ('2026-11-25') as French reads it: « 25 novembre 2026 », « 1er décembre 2026 ». */
export function frenchDay(iso: string): string {
  // The first day of a month is an ordinal in French (« le 1er mai »); Intl writes « 1 ».
  return longDay.format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');
}
