import type { Actor } from '../vault/index.js';
import type { RecruitingDeps } from './deps.js';
import type { readEmployerHistory, readOwnHistory } from './recruiting.purposes.js';
import { applicationEvents, type EventRow } from './recruiting.repo.js';

/** An entry of the history, with a message's words when the reader may see them. */
export interface HistoryItem {
  event: EventRow;
  body: string | null;
}

/**
 * An application's history as either side reads it: the codes and dates from the table, and the
 * words of its messages in one read of the door, through the reader's own purpose.
 */
export async function readHistory(
  deps: RecruitingDeps,
  actor: Actor,
  purpose: typeof readEmployerHistory | typeof readOwnHistory,
  applicationId: string,
): Promise<HistoryItem[]> {
  const events = await applicationEvents(deps.db, applicationId);
  const messages = events.filter((event) => event.kind === 'message').map((event) => event.id);
  const bodies = new Map((await deps.vault.read(actor, purpose, messages)).map((m) => [m.id, m.body]));
  return events.map((event) => ({ event, body: bodies.get(event.id) ?? null }));
}
