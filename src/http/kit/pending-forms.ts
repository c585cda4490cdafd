import type { Clock } from '../../kernel/clock.js';

/** A form that was posted without a fresh step-up, kept so the action can resume after it. */
export interface PendingForm {
  /** Where it was posted. */
  url: string;
  /** What it sent, CSRF token and secret fields left out. */
  fields: Record<string, string | readonly string[]>;
  /** What the action does, for the resume page (« Approuver la demande de compte »). */
  label: string;
}

/** Long enough for a step-up, short enough that a forgotten action does not resume by surprise. */
export const PENDING_FORM_TTL_MS = 10 * 60_000;
const MAX_PENDING = 10_000;

/**
 * Posted forms waiting for a step-up, one per session, in memory only: they never reach the
 * database (they may hold a new colleague's name or address), a restart forgets them (the
 * person fills the form in again), and the oldest go first past a bound, so a flood of posts
 * cannot grow the process. A step-up gives the session a new id, so the form moves with it.
 */
export class PendingForms {
  private readonly forms = new Map<string, { form: PendingForm; savedAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = PENDING_FORM_TTL_MS,
  ) {}

  save(sessionId: string, form: PendingForm): void {
    this.forms.delete(sessionId);
    this.forms.set(sessionId, { form, savedAt: this.clock.now().getTime() });
    while (this.forms.size > MAX_PENDING) this.forms.delete(this.forms.keys().next().value!);
  }

  /** The session's waiting form, left in place. */
  peek(sessionId: string): PendingForm | null {
    return this.live(sessionId);
  }

  /** The session's form, once: it is forgotten as it is handed out. */
  take(sessionId: string): PendingForm | null {
    const form = this.live(sessionId);
    this.forms.delete(sessionId);
    return form;
  }

  /** Follows the session to its new id (after the step-up rotated it). */
  move(fromSessionId: string, toSessionId: string): void {
    const form = this.live(fromSessionId);
    this.forms.delete(fromSessionId);
    if (form) this.save(toSessionId, form);
  }

  private live(sessionId: string): PendingForm | null {
    const entry = this.forms.get(sessionId);
    if (!entry) return null;
    if (this.clock.now().getTime() - entry.savedAt > this.ttlMs) {
      this.forms.delete(sessionId);
      return null;
    }
    return entry.form;
  }
}
