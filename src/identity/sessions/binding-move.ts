import { timingSafeEqual } from 'node:crypto';
import type { AccessLog } from '../../audit/types.js';
import type { Db, Tx } from '../../db/client.js';
import { recordSignal } from '../../guard/signals.js';
import { journal } from '../journal.js';
import type { Notify } from '../login/deps.js';
import { isStaffRole, sessionLifetimes } from './policy.js';
import { agentHash, agentLabel, type Session } from './session-store.js';

/*
 * What a valid device proof from another network or browser does to a session's binding.
 * The device key is non-extractable for scripts, but an infostealer that copies the browser
 * profile copies the key with it (issue 8: Chromium keeps it as PKCS#8 in IndexedDB), so a
 * proof shows that the key was used, not that the device is the same. Hence:
 * - staff and partners reach other people's data: the binding stays where it is, and the
 *   session reads nothing from the new place until a passkey or TOTP, which a copy of the disk
 *   does not hold, is checked there (`settlePendingMove`, after the step-up);
 * - citizens reach only their own data, and phones change networks all the time: the binding
 *   moves, the move is journaled and the owner told by e-mail (docs/device-sessions.md).
 */

export interface MoveDeps {
  db: Db;
  accessLog: AccessLog;
  notify: Notify;
}

/** Where a request comes from: its network's tag and its browser; the address for the journal. */
export interface ClientHere {
  addr: string;
  addrTag: Buffer;
  userAgent: string | undefined;
}

/** How long a held move waits for the second factor: as long as a login between its steps. */
export const PENDING_MOVE_MS = 10 * 60_000;

/**
 * A citizen hears of a move to another network at most once an hour per session (a commuter's
 * phone changes networks many times); a move to another browser is always told, since a
 * session cookie does not change browsers by itself.
 */
export const MOVE_NOTICE_EVERY_MS = 60 * 60_000;

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Whether the session's held move is to this very network and browser, and still fresh. */
export function pendingHere(session: Session, client: ClientHere, now: Date): boolean {
  const pending = session.pending;
  return (
    pending !== null &&
    now.getTime() - pending.at.getTime() <= PENDING_MOVE_MS &&
    sameBytes(pending.net, client.addrTag) &&
    sameBytes(pending.agent, agentHash(client.userAgent))
  );
}

/** One move of a session's binding: the session, the id it now has, and where to. */
interface Move {
  session: Session;
  sessionId: string;
  client: ClientHere;
  now: Date;
}

/**
 * Decides on a valid device proof from elsewhere: a staff session's move is held until the
 * second factor ('held': the request must read nothing), a citizen's is made ('moved').
 */
export async function proofFromElsewhere(
  deps: MoveDeps,
  session: Session,
  client: ClientHere,
  now: Date,
): Promise<'moved' | 'held'> {
  const move = { session, sessionId: session.id, client, now };
  if (isStaffRole(session.role)) {
    await holdMove(deps, move);
    return 'held';
  }
  const newBrowser = !sameBytes(session.provenAgent, agentHash(client.userAgent));
  const quiet = !session.movedNoticeAt || now.getTime() - session.movedNoticeAt.getTime() >= MOVE_NOTICE_EVERY_MS;
  await deps.db.transaction((tx) => moveBinding(deps, tx, move, newBrowser || quiet));
  return 'moved';
}

/**
 * Records the held move. The first sighting of a new place is journaled and mailed: for a
 * session whose profile was copied, it is the owner's and the security officer's alarm.
 */
async function holdMove(deps: MoveDeps, move: Move): Promise<void> {
  const seen = pendingHere(move.session, move.client, move.now);
  await deps.db.transaction(async (tx) => {
    await tx.query('UPDATE sessions SET pending_net = $2, pending_agent = $3, pending_at = $4 WHERE id = $1', [
      move.sessionId,
      move.client.addrTag,
      agentHash(move.client.userAgent),
      move.now,
    ]);
    if (!seen) {
      await tell(deps, tx, move, 'held', true);
      // The guard counts it too: until the step-up there, the account's reads ask for one.
      await recordSignal(tx, move.session.accountId, 'new_context', move.now, { motif: 'autre_reseau_ou_navigateur' });
    }
  });
}

/** Journals a held or made move, and mails the owner about it when `mail` says so. */
async function tell(deps: MoveDeps, tx: Tx, move: Move, what: 'held' | 'moved', mail: boolean): Promise<void> {
  const { session, sessionId, client, now } = move;
  const event = what === 'held' ? 'session.move_held' : 'session.moved';
  await journal(deps.accessLog, tx, event, { actorId: session.accountId, sessionId, clientAddr: client.addr });
  if (!mail) return;
  await deps.notify(tx, session.accountId, what === 'held' ? 'session_move_held' : 'session_moved', {
    when: now.toISOString(),
    device: agentLabel(client.userAgent),
  });
}

/**
 * After a step-up checked the second factor: a move held for this very place is made, on the
 * session's new id (`sessionId`). The owner was told when the move was held.
 */
export async function settlePendingMove(
  deps: MoveDeps,
  tx: Tx,
  session: Session,
  sessionId: string,
  client: ClientHere,
  now: Date,
): Promise<void> {
  if (pendingHere(session, client, now)) await moveBinding(deps, tx, { session, sessionId, client, now }, false);
}

/** Moves the binding here, clears any held move, journals it, and mails the owner if asked. */
async function moveBinding(deps: MoveDeps, tx: Tx, move: Move, notice: boolean): Promise<void> {
  const { idleMs } = sessionLifetimes(move.session.role);
  const now = move.now;
  await tx.query(
    `UPDATE sessions SET proven_at = $2, proven_net = $3, proven_agent = $4, last_seen_at = $2,
       idle_expires_at = $5, pending_net = NULL, pending_agent = NULL, pending_at = NULL,
       moved_notice_at = CASE WHEN $6 THEN $2 ELSE moved_notice_at END
     WHERE id = $1`,
    [
      move.sessionId,
      now,
      move.client.addrTag,
      agentHash(move.client.userAgent),
      new Date(now.getTime() + idleMs),
      notice,
    ],
  );
  await tell(deps, tx, move, 'moved', notice);
}
