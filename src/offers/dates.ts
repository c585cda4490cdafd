/** The calendar day of an instant in Paris, as an ISO date: offers are dated in French time. */
export function isoDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** An ISO date in French words: « 26 novembre 2026 ». */
export function frenchDay(day: string | null): string {
  return day ? frenchDate.format(new Date(`${day}T00:00:00Z`)) : '';
}

/** An instant's day in Paris, in French words. */
export function frenchDayOf(at: Date): string {
  return frenchDay(isoDay(at));
}
