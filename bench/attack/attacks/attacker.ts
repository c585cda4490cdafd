import type { Db } from '../../../src/db/client.js';
import { parisDay } from '../../../src/kernel/clock.js';
import { outcomeOf, type Answer, type Outcome, type SimBrowser } from '../browser.js';
import { parisTime } from '../sim.js';

/** What a scenario prints: `attack NAME: people=N cutoff_seconds=S`, and what it shows beside. */
export interface AttackResult {
  name: string;
  /** Distinct people in the attacker's allowed log entries (see `peopleRead`). */
  people: number;
  /** Seconds from the first request to the refusal that stopped it for good; null if none did. */
  cutoffSeconds: number | null;
  /** Lines of detail: what the attacker tried, what stopped it, the guard's signals. */
  detail: string[];
}

/** The refusals an attacker without the victim's passkey or TOTP cannot get past. */
const FINAL: readonly Outcome[] = ['step_up', 'held', 'suspended', 'closed', 'signed_out'];

/**
 * The attacker's side of a scenario: a browser (the victim's own, or a copy of it), a pace
 * (simulated milliseconds per request: the server's clock moves by that much at each one), and
 * the moments of its first request, of its last read that got through and of the first final
 * refusal after it. It never answers a step-up: it has neither the passkey nor the TOTP secret.
 */
export class Attacker {
  first: number | null = null;
  /** The first final refusal met (the scripts use it to know they are being refused). */
  stoppedAt: number | null = null;
  readonly outcomes = new Map<Outcome, number>();
  /** Each request's moment and outcome. */
  readonly events: { at: number; outcome: Outcome }[] = [];

  constructor(
    readonly browser: SimBrowser,
    readonly paceMs: number,
  ) {}

  private note(outcome: Outcome): Outcome {
    const at = this.browser.clock.now().getTime();
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.events.push({ at, outcome });
    if (FINAL.includes(outcome) && this.stoppedAt === null) this.stoppedAt = at;
    this.browser.clock.advance(this.paceMs);
    return outcome;
  }

  private start(): void {
    this.first ??= this.browser.clock.now().getTime();
  }

  /** A page, as the script in the page would load it (the renewal included when due). */
  async open(path: string): Promise<{ outcome: Outcome; answer: Answer }> {
    this.start();
    const answer = await this.browser.open(path);
    return { outcome: this.note(outcomeOf(answer)), answer };
  }

  async post(path: string, form: Record<string, string> = {}) {
    this.start();
    const answer = await this.browser.submit(path, form);
    return { outcome: this.note(outcomeOf(answer)), answer };
  }

  /** A JSON API call with a device proof signed by the key the attacker holds. */
  async api(path: string) {
    this.start();
    const answer = await this.browser.api(path);
    return { outcome: this.note(outcomeOf(answer)), answer };
  }

  /** The device-proof renewal, as the page's script (or a copy of it) would send it. */
  async renew() {
    this.start();
    return this.note(await this.browser.renew());
  }

  /**
   * Seconds from the first request to the first final refusal after the last read that got
   * through (`lastAllowed`, from the access log): the refusal that stopped the attack for good.
   */
  cutoffSeconds(lastAllowed: number | null): number | null {
    if (this.first === null) return null;
    const stop = this.events.find((e) => FINAL.includes(e.outcome) && (lastAllowed === null || e.at > lastAllowed));
    return stop ? Math.round((stop.at - this.first) / 100) / 10 : null;
  }

  summary(): string {
    return [...this.outcomes].map(([outcome, n]) => `${outcome} ${n}`).join(', ');
  }
}

/**
 * The people the attacker read, from the access log: the distinct ids in `people` of the
 * account's entries with outcome 'allow' from the attack's first request on (the victim does
 * nothing meanwhile). Left out:
 * - for malware inside the victim's own browser only, the people the victim's own requests had
 *   been shown that day before the attack: that malware reads the victim's screen anyway, so what
 *   the guard can be asked to protect is everyone else;
 * - the accounts the attacker itself asked for (their names and e-mails are its own input);
 * - the entry of a read of records about people (an application) that met a canary whose record
 *   was planted without a mark of its own: the log records it 'allow' (the door checks those
 *   people's marks after the entry is committed), but the door then suspends the account and
 *   the answer carries nothing (src/vault/door.ts); the canary signal has the entry's very
 *   instant. Reads of people and searches are logged 'deny' in that case, so they are left out
 *   already.
 */
export async function peopleRead(
  db: Db,
  accountId: string,
  from: number,
  options: { excludeSeenToday?: boolean } = {},
): Promise<number> {
  const since = new Date(from);
  const dayStart = new Date(parisTime(parisDay(since), 0));
  const { rows } = await db.query<{ n: number }>(
    `WITH read AS (
       SELECT DISTINCT unnest(people) AS id FROM access_log l
       WHERE actor_id = $1 AND outcome = 'allow' AND record <> 'none' AND at >= $2
         AND NOT EXISTS (SELECT 1 FROM guard_signals s WHERE s.account_id = $1 AND s.kind = 'canary' AND s.at = l.at)),
     seen AS (
       SELECT DISTINCT unnest(people) AS id FROM access_log
       WHERE $4 AND actor_id = $1 AND outcome = 'allow' AND record <> 'none' AND at >= $3 AND at < $2),
     asked AS (SELECT account_id AS id FROM account_requests WHERE requested_by = $1 AND decision IS NULL)
     SELECT count(*)::int AS n FROM read WHERE id NOT IN (SELECT id FROM seen) AND id NOT IN (SELECT id FROM asked)`,
    [accountId, since, dayStart, options.excludeSeenToday ?? false],
  );
  return rows[0]!.n;
}

/** The moment of the account's last allowed read naming someone, since `from`. */
export async function lastAllowed(db: Db, accountId: string, from: number): Promise<number | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    `SELECT max(at) AS at FROM access_log WHERE actor_id = $1 AND outcome = 'allow' AND record <> 'none'
       AND cardinality(people) > 0 AND at >= $2`,
    [accountId, new Date(from)],
  );
  return rows[0]?.at ? new Date(rows[0].at).getTime() : null;
}

/** The people of the attacker's allowed entries by purpose: what leaked through which door. */
export async function readByPurpose(db: Db, accountId: string, from: number): Promise<string> {
  const { rows } = await db.query<{ purpose: string; n: number }>(
    `SELECT purpose, count(DISTINCT p)::int AS n FROM access_log, unnest(people) AS p
     WHERE actor_id = $1 AND outcome = 'allow' AND record <> 'none' AND at >= $2 GROUP BY purpose ORDER BY purpose`,
    [accountId, new Date(from)],
  );
  return rows.map((r) => `${r.purpose} ${r.n}`).join(', ') || 'rien';
}

/** The guard's signals against the account since `from`, by kind: the evidence of what stopped it. */
export async function signalsSince(db: Db, accountId: string, from: number): Promise<string> {
  const { rows } = await db.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM guard_signals WHERE account_id = $1 AND at >= $2 GROUP BY kind ORDER BY min(at)`,
    [accountId, new Date(from)],
  );
  return rows.map((r) => `${r.kind} ×${r.n}`).join(', ') || 'aucun';
}
