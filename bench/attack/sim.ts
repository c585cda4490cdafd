import type { FixedClock } from '../../src/kernel/clock.js';

/**
 * A discrete-event simulation over the server's clock. Each simulated person is an async
 * script that says `await sim.wait(ms)` between its actions; the scheduler resumes the script
 * whose next moment is earliest, sets the server's clock to it, and lets it run until it waits
 * again. One script runs at a time, so the clock only moves forward and no one sleeps.
 */
export class Simulation {
  private queue: { at: number; seq: number; resume: () => void }[] = [];
  private seq = 0;
  private yielded: (() => void) | null = null;
  private failure: unknown = null;

  constructor(readonly clock: FixedClock) {}

  /** The current simulated instant, in ms. */
  get now(): number {
    return this.clock.now().getTime();
  }

  private push(at: number, resume: () => void): void {
    this.queue.push({ at, seq: this.seq++, resume });
  }

  private popEarliest() {
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i;
    }
    return this.queue.splice(best, 1)[0]!;
  }

  /** Gives the turn back until `ms` from now (or until `at`, an instant, when `at` is given). */
  wait(ms: number): Promise<void> {
    return this.until(this.now + Math.max(0, ms));
  }

  until(at: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.push(at, resolve);
      const done = this.yielded;
      this.yielded = null;
      done?.();
    });
  }

  /** Starts a script at instant `at`. */
  spawn(at: number, script: () => Promise<void>): void {
    this.push(at, () => {
      script()
        .catch((error: unknown) => {
          this.failure ??= error;
        })
        .finally(() => {
          const done = this.yielded;
          this.yielded = null;
          done?.();
        });
    });
  }

  /** Runs every spawned script to its end, in the order of their moments. */
  async run(): Promise<void> {
    while (this.queue.length > 0) {
      const next = this.popEarliest();
      if (next.at > this.now) this.clock.set(new Date(next.at));
      await new Promise<void>((step) => {
        this.yielded = step;
        next.resume();
      });
      if (this.failure) throw this.failure;
    }
  }
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The instant of a wall-clock time in France on `day` (ISO date): office hours are French. */
export function parisTime(day: string, hours: number): number {
  const guess = Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000;
  // France is UTC+1 or UTC+2: correct the guess by the offset Paris shows at that instant.
  for (const offset of [1, 2]) {
    const at = guess - offset * 3_600_000;
    const parts = Object.fromEntries(parisParts.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    const shown = Number(parts.hour) + Number(parts.minute) / 60;
    if (parts.day === day.slice(8, 10) && Math.abs(shown - (hours % 24)) < 1 / 120) return at;
  }
  return guess - 3_600_000;
}

/** The working days (Monday to Friday, French public holidays of 2026 left out) from `first`, `count` of them. */
export function workingDays(first: string, count: number): string[] {
  const holidays = new Set(['2026-11-11', '2026-12-25', '2027-01-01']);
  const days: string[] = [];
  for (let at = Date.parse(`${first}T12:00:00Z`); days.length < count; at += 86_400_000) {
    const date = new Date(at);
    const iso = date.toISOString().slice(0, 10);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && !holidays.has(iso)) days.push(iso);
  }
  return days;
}
