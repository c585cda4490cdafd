import type { Db } from '../../src/db/client.js';
import { parisDay } from '../../src/kernel/clock.js';

const parisClock = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** An instant as « 14:05 », in France. */
function parisHour(at: number): string {
  return parisClock.format(new Date(at));
}
import { outcomeOf, type Answer, type Outcome } from './browser.js';
import type { Simulation } from './sim.js';
import type { StaffUser } from './world.js';

/** What happened to the legitimate users: the figures `legit-month` prints. */
export interface LegitStats {
  /** `accountId|day` of each day a guard step-up was asked of the account. */
  stepUpDays: Set<string>;
  /** `accountId|day` of each day worked. */
  userDays: Set<string>;
  /** Accounts suspended, with the day, the page, and the guard's signals of the last two hours. */
  suspensions: { accountId: string; role: string; day: string; path: string; signals?: string }[];
  /** Each step-up asked by the guard, with the kinds of the account's signals of the hour before. */
  stepUps: { accountId: string; role: string; day: string; path: string; at: string; signals: string }[];
  /** Step-ups the person could not complete (their passkey refused): should stay 0. */
  failedStepUps: number;
  /** Suspensions the officers lifted the next morning. */
  lifted: number;
  pageLoads: number;
}

export function emptyStats(): LegitStats {
  return {
    stepUpDays: new Set(),
    userDays: new Set(),
    suspensions: [],
    stepUps: [],
    failedStepUps: 0,
    lifted: 0,
    pageLoads: 0,
  };
}

/** How long a page takes to come back and be looked at before the next click, at the least. */
const PAGE_MS = 1_500;

/**
 * A member of staff at their browser, doing legitimate work: signs in with their passkey when
 * the session is gone, answers a step-up with the passkey when the guard asks for one (and
 * the work goes on), and stops for the day if the account is suspended. Each page load is
 * counted; a guard step-up (the read refused with STEP_UP_REQUIRED) marks the user-day.
 */
export class Worker {
  suspended = false;
  private home = false;

  constructor(
    readonly user: StaffUser,
    readonly sim: Simulation,
    readonly stats: LegitStats,
    /** The harness's view of the database, to tell a refused login from a suspension. */
    private readonly db: Db,
  ) {}

  /** The browser in use: at the office, or at home in the evening. */
  get browser() {
    return this.home ? this.user.home : this.user.browser;
  }

  atHome(home: boolean): void {
    this.home = home;
  }

  get day(): string {
    return parisDay(new Date(this.sim.now));
  }

  private key(): string {
    return `${this.user.id}|${this.day}`;
  }

  /** Starts a work session: a fresh login, as after opening the laptop. */
  async signIn(): Promise<boolean> {
    if (this.suspended) return false;
    this.stats.userDays.add(this.key());
    if (await this.browser.loginWithPasskey()) return true;
    if (await this.isSuspended()) await this.markSuspended('/connexion');
    return false;
  }

  private async markSuspended(path: string): Promise<void> {
    if (this.suspended) return;
    this.suspended = true;
    const { rows } = await this.db.query<{ at: Date; kind: string; evidence: unknown }>(
      `SELECT at, kind, evidence FROM guard_signals WHERE account_id = $1 AND at > $2 ORDER BY at`,
      [this.user.id, new Date(this.sim.now - 24 * 3_600_000)],
    );
    const signals = rows.map(
      (r) => `${new Date(r.at).toISOString().slice(11, 19)} ${r.kind} ${JSON.stringify(r.evidence)}`,
    );
    this.stats.suspensions.push({
      accountId: this.user.id,
      role: this.user.role,
      day: this.day,
      path,
      signals: signals.join(' | '),
    });
  }

  /** Closes the tab: the session will idle out; the next page needs a login. */
  leave(): void {
    this.browser.cookies.delete('__Host-rempart');
  }

  /** Opens a page (GET) or posts a form of the page (POST), handling what a person handles. */
  async go(method: 'GET' | 'POST', path: string, form: Record<string, string> = {}): Promise<Answer | null> {
    if (this.suspended) return null;
    const browser = this.browser;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!browser.signedIn && !(await this.signIn())) return null;
      const answer = method === 'GET' ? await browser.open(path) : await browser.submit(path, form);
      this.stats.pageLoads++;
      this.sim.clock.advance(PAGE_MS);
      let outcome: Outcome = outcomeOf(answer);
      // A redirect after a form is followed, as a browser does.
      if (outcome === 'ok' && answer.status === 303 && answer.location) {
        const next = await browser.open(answer.location);
        this.stats.pageLoads++;
        outcome = outcomeOf(next);
        if (outcome === 'ok') return next;
      }
      if (outcome === 'ok' || outcome === 'not_found' || outcome === 'refused') return answer;
      if (outcome === 'suspended' || (await this.isSuspended())) {
        await this.markSuspended(path);
        return null;
      }
      if (outcome === 'step_up') {
        // The guard asked (a page is sent to the verification page, a form is kept for after
        // it; the legitimate days have no sensitive action of their own and no session moves):
        // the person confirms with their passkey, and carries on.
        this.stats.stepUpDays.add(this.key());
        this.stats.stepUps.push({
          accountId: this.user.id,
          role: this.user.role,
          day: this.day,
          path,
          at: parisHour(this.sim.now),
          signals: await this.recentSignals(),
        });
        if (!(await browser.stepUpWithPasskey(method === 'GET' ? path : '/compte'))) {
          this.stats.failedStepUps++;
          browser.cookies.clear();
        }
        continue;
      }
      // Signed out (idle, or sessions ended): sign in again and retry.
      browser.cookies.delete('__Host-rempart');
    }
    return null;
  }

  /** The kinds of the account's signals of the last hour: why the guard asked. */
  private async recentSignals(): Promise<string> {
    const { rows } = await this.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM guard_signals WHERE account_id = $1 AND at > $2 GROUP BY kind ORDER BY kind`,
      [this.user.id, new Date(this.sim.now - 3_600_000)],
    );
    return rows.map((r) => `${r.kind} ×${r.n}`).join(', ');
  }

  /** Whether the account was suspended: the login page says so (a person would read it). */
  private async isSuspended(): Promise<boolean> {
    const { rows } = await this.db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [
      this.user.id,
    ]);
    return rows[0]?.status === 'suspended';
  }
}
