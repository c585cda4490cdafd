/** The one source of time for domain code, so expiry, budgets and windows are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when a test moves it. */
export type FixedClock = Clock & { advance(ms: number): void; set(at: Date): void };

export function fixedClock(start: Date): FixedClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/**
 * The calendar day of an instant in France, as an ISO date: the platform's days (a session not
 * over, a declaration's three days, « today ») are French days, whatever the server's zone.
 */
export function parisDay(at: Date): string {
  return paris.format(at);
}
