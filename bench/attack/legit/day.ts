import type { Dice } from '../dice.js';
import { parisTime, type Simulation } from '../sim.js';
import type { Worker } from '../worker.js';

/*
 * The shape of a working day in a French public office or training organisation, the same for
 * every role (the assumptions are listed in docs/BENCHMARKS.md, « legit-month »):
 * - arrival ≈ N(8 h 45, 25 min), between 7 h 30 and 10 h;
 * - lunch from ≈ N(12 h 15, 15 min), 45 to 90 minutes; half the people leave the tab open
 *   (its script keeps the session alive), half close the laptop and sign in again after;
 * - departure ≈ N(17 h 25, 30 min), between 16 h and 19 h 30;
 * - the first task (home page, lists) on arrival, the others at moments drawn uniformly over
 *   the morning and the afternoon; a task that runs long pushes the next one; what is not
 *   started 30 minutes after departure waits;
 * - about one evening a month (4 % of days) a short session from home, 19 h 30 to 21 h 30.
 */

const MINUTE = 60_000;

/** One unit of work (a file handled, a search made): its own pages and think times. */
export type Task = () => Promise<void>;

export interface DayFrame {
  arrive: number;
  lunchStart: number;
  lunchEnd: number;
  leave: number;
  tabOpenAtLunch: boolean;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function dayFrame(dice: Dice, day: string): DayFrame {
  const arrive = clamp(dice.normal(8.75, 0.42), 7.5, 10);
  const lunchStart = clamp(dice.normal(12.25, 0.25), 11.75, 13.25);
  const lunchEnd = lunchStart + dice.int(45, 90) / 60;
  const leave = clamp(dice.normal(17.42, 0.5), Math.max(16, lunchEnd + 1), 19.5);
  return {
    arrive: parisTime(day, arrive),
    lunchStart: parisTime(day, lunchStart),
    lunchEnd: parisTime(day, lunchEnd),
    leave: parisTime(day, leave),
    tabOpenAtLunch: dice.chance(0.5),
  };
}

/**
 * Waits until `at` with the tab open: the page's script renews the device proof while the
 * person is elsewhere (every 4 minutes in a browser; here every 14, which keeps the session
 * from idling out just the same, and the next page renews it if it is older than 4 minutes).
 */
export async function idleUntil(worker: Worker, at: number): Promise<void> {
  const sim = worker.sim;
  for (;;) {
    const browser = worker.browser;
    const due = browser.lastActiveAt + 14 * MINUTE;
    if (!browser.signedIn || worker.suspended || due >= at) break;
    await sim.until(Math.max(due, sim.now));
    if ((await browser.renew()) !== 'ok') {
      browser.cookies.delete('__Host-rempart');
      break;
    }
  }
  await sim.until(at);
}

/**
 * Runs the day's tasks over the frame: morning, lunch, afternoon. With `stopAt`, the day is
 * broken off before the first task due after that moment, the session left open (a victim at
 * work when the attack starts).
 */
export async function workDay(
  worker: Worker,
  dice: Dice,
  frame: DayFrame,
  tasks: Task[],
  stopAt = Infinity,
): Promise<void> {
  const sim: Simulation = worker.sim;
  const morning = frame.lunchStart - frame.arrive;
  const afternoon = frame.leave - frame.lunchEnd;
  // The first task (the home page, the lists) is done on arrival; the others are spread.
  const starts = tasks
    .map((_, i) => {
      const at = i === 0 ? 0 : dice.next() * (morning + afternoon);
      return at < morning ? frame.arrive + at : frame.lunchEnd + (at - morning);
    })
    .sort((a, b) => a - b);
  await sim.until(frame.arrive);
  await worker.signIn();
  let lunched = false;
  for (const [i, task] of tasks.entries()) {
    if (worker.suspended) return;
    const start = Math.max(starts[i]!, sim.now);
    if (start >= stopAt) return idleUntil(worker, stopAt);
    if (!lunched && start >= frame.lunchStart) {
      lunched = true;
      await lunch(worker, frame);
    }
    if (sim.now > frame.leave + 30 * MINUTE) break;
    await idleUntil(worker, start);
    await task();
  }
  // Broken off for an attack: the person is still there, the tab open.
  if (stopAt !== Infinity) return idleUntil(worker, stopAt);
  if (!lunched) await lunch(worker, frame);
  worker.leave();
}

async function lunch(worker: Worker, frame: DayFrame): Promise<void> {
  if (worker.sim.now < frame.lunchStart) await idleUntil(worker, frame.lunchStart);
  if (frame.tabOpenAtLunch) {
    await idleUntil(worker, Math.max(frame.lunchEnd, worker.sim.now));
  } else {
    worker.leave();
    await worker.sim.until(Math.max(frame.lunchEnd, worker.sim.now));
  }
}

/** About one evening a month: a short session from home, a few tasks. */
export async function eveningAtHome(worker: Worker, dice: Dice, day: string, tasks: Task[]): Promise<void> {
  const start = parisTime(day, 19.5 + dice.next() * 1.5);
  await worker.sim.until(start);
  worker.atHome(true);
  await worker.signIn();
  for (const task of tasks) {
    if (worker.suspended) break;
    await task();
    await worker.sim.wait(dice.logNormal(4, 1.8) * MINUTE);
  }
  worker.leave();
  worker.atHome(false);
}

/** A think time: the median and spread of a log-normal, in minutes. */
export function think(worker: Worker, dice: Dice, medianMinutes: number, spread = 1.8): Promise<void> {
  return idleUntil(worker, worker.sim.now + dice.logNormal(medianMinutes, spread) * MINUTE);
}
