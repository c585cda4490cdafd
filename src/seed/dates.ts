/** Calendar arithmetic on ISO dates ("2026-11-20"), in UTC so that no time zone shifts a day. */

const DAY_MS = 86_400_000;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** "2026-11" for a career item. */
export function isoMonth(day: string): string {
  return day.slice(0, 7);
}

/** A timestamp on `day` at a working hour, in Paris time expressed as UTC (+1 h in winter). */
export function atWorkingHour(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T07:00:00Z`) + minutes * 60_000);
}
