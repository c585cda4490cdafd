import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { AppError } from '../kernel/errors.js';
import type { Actor, Role } from '../vault/types.js';
import { readSessionCookie } from './sessions/cookie.js';
import { verifyProof } from './sessions/device-proof.js';
import { issueNonce } from './sessions/nonce.js';
import { addressTag } from '../crypto/address-tag.js';
import { pendingHere, type ClientHere } from './sessions/binding-move.js';
import { findSession, refreshSession, isBound, sameClient, type Session } from './sessions/session-store.js';
import { spendNonce } from './sessions/spend-nonce.js';

/**
 * What a route needs, declared on the route itself (`config.access`) and asserted by its test:
 * - `public`: anyone;
 * - `page`: a session whose cookie is still bound to this device (proven ≤ 5 min ago from this
 *   address and browser); otherwise the page's script must prove the device first;
 * - `api`: a session and, on this very request, a fresh proof signed by the device key;
 * - `device`: a session, bound or not, and a proof: the renewal of the binding itself;
 * - `session`: a session, bound or not, and nothing else: only for fetching a nonce.
 * `roles`, when given, further limits the route to those roles. `stepUp` demands a passkey or
 * TOTP check (a password one for accounts without a second factor) within the last five minutes.
 * `verification` opens a `page` route also where a staff session's device key was just proven
 * but its binding waits for the second factor (`binding-move.ts`): the step-up pages only.
 * No declaration, no access.
 */
export interface Access {
  level: 'public' | 'page' | 'api' | 'device' | 'session';
  roles?: readonly Role[];
  stepUp?: boolean;
  verification?: boolean;
  /**
   * Where a form sent without a fresh step-up comes back to after it (its page), since browsers
   * send no Referer under our `no-referrer` policy; /compte when not declared.
   */
  returnTo?: string;
}

/** How long a check of the second factor lets a session perform sensitive actions. */
export const STEP_UP_MS = 5 * 60_000;

/** Whether the session checked its second factor recently enough for a sensitive action. */
export function hasFreshStepUp(session: Session, now: Date): boolean {
  return session.mfaAt !== null && now.getTime() - session.mfaAt.getTime() <= STEP_UP_MS;
}

/**
 * Where to come back after a step-up: a path of ours only (never `//host`, never a scheme), so
 * the verification page cannot be turned into an open redirect.
 */
export function localReturnPath(candidate: string | undefined, fallback = '/compte'): string {
  if (!candidate) return fallback;
  let path = candidate;
  try {
    if (/^https?:\/\//i.test(candidate)) {
      const url = new URL(candidate);
      path = `${url.pathname}${url.search}`;
    }
  } catch {
    return fallback;
  }
  return /^\/(?![/\\])[^\s]*$/.test(path) ? path : fallback;
}

function stepUpTarget(request: FastifyRequest, access: Access): string {
  const target = request.method === 'GET' ? request.url : access.returnTo;
  return `/compte/verification?retour=${encodeURIComponent(localReturnPath(target))}`;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    session: Session | null;
  }
}

export interface AccessDeps {
  db: Db;
  clock: Clock;
  random: Random;
  nonceKey: Buffer;
  addressTagKey: Buffer;
}

/** The actor a request acts as, for the vault. Only an authenticated request has one. */
export function actorOf(request: FastifyRequest): Actor {
  const session = request.session;
  if (!session) throw new AppError('UNAUTHENTICATED');
  return {
    kind: 'account',
    accountId: session.accountId,
    role: session.role,
    organisationId: session.organisationId,
    personId: session.personId,
    sessionId: session.id,
    clientAddr: request.ip,
  };
}

async function checkProof(deps: AccessDeps, request: FastifyRequest, session: Session, now: Date): Promise<void> {
  const header = request.headers['rempart-proof'];
  if (typeof header !== 'string' || header.length === 0) throw new AppError('PROOF_REQUIRED');
  const path = request.url.split('?', 1)[0] ?? '';
  const check = await verifyProof({
    proof: header,
    deviceKey: session.deviceKey,
    method: request.method,
    path,
    at: now,
    nonceKey: deps.nonceKey,
    sessionId: session.id,
  });
  if (!check.ok) throw new AppError('PROOF_INVALID', check.reason);
  // A nonce serves once: a replayed or pre-signed proof whose nonce was used is refused.
  if (!(await spendNonce(deps.db, check.nonce, session.id, now))) throw new AppError('PROOF_INVALID', 'nonce spent');
}

/** What the identity module decides for the access control. */
export interface AccessHooks {
  /** A page asked where the session is not bound: the page whose script proves the device. */
  onUnboundPage(request: FastifyRequest, reply: FastifyReply): FastifyReply;
  /** A valid proof from another network or browser: the binding moved, or waits for the second factor. */
  onProofElsewhere(session: Session, client: ClientHere, now: Date): Promise<'moved' | 'held'>;
}

/**
 * A session whose move here waits for the second factor reads nothing: a page is sent to the
 * verification, anything else gets the code (the device script goes there on it).
 */
function heldHere(request: FastifyRequest, reply: FastifyReply, access: Access): FastifyReply {
  request.session = null;
  if (access.level === 'page' && request.method === 'GET') return reply.redirect(stepUpTarget(request, access), 303);
  throw new AppError('DEVICE_VERIFICATION_REQUIRED');
}

/** Decides, for each request, whether its route's declared access is met. Deny by default. */
export function registerAccessControl(app: FastifyInstance, deps: AccessDeps, hooks: AccessHooks): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) {
      // Static assets and framework routes are registered without a declaration on purpose;
      // everything else must declare one.
      if (request.routeOptions.url?.startsWith('/dsfr/') || request.routeOptions.url === undefined) return;
      throw new AppError('FORBIDDEN', 'route without access declaration');
    }
    const now = deps.clock.now();
    const session = await findSession(deps.db, readSessionCookie(request), now);
    request.session = session;
    if (session) reply.header('rempart-nonce', issueNonce(deps.nonceKey, session.id, now, deps.random));
    if (access.level === 'public') return;
    if (!session) {
      const hadCookie = readSessionCookie(request) !== undefined;
      // A person opening a page is sent to the login page, told why; API clients get the code.
      if (access.level === 'page' && request.method === 'GET') {
        return reply.redirect(hadCookie ? '/connexion?session=expiree' : '/connexion', 303);
      }
      throw new AppError(hadCookie ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    if (access.roles && !access.roles.includes(session.role)) throw new AppError('FORBIDDEN', 'role');
    if (access.level === 'session') return;
    const client: ClientHere = {
      addr: request.ip,
      addrTag: addressTag(deps.addressTagKey, request.ip),
      userAgent: request.headers['user-agent'],
    };
    if (access.level === 'api' || access.level === 'device') {
      await checkProof(deps, request, session, now);
      // The key proves itself anywhere, even copied with the whole browser profile: whether the
      // binding follows it is the identity module's decision (binding-move.ts).
      if (sameClient(session, client.addrTag, client.userAgent)) await refreshSession(deps.db, session, now, true);
      else if ((await hooks.onProofElsewhere(session, client, now)) === 'held') return heldHere(request, reply, access);
    } else if (isBound(session, client.addrTag, client.userAgent, now)) {
      await refreshSession(deps.db, session, now, false);
    } else if (!pendingHere(session, client, now)) {
      request.session = null;
      return hooks.onUnboundPage(request, reply);
    } else if (access.verification) {
      return; // the step-up page itself, which will settle the move
    } else {
      return heldHere(request, reply, access);
    }
    if (access.stepUp && !hasFreshStepUp(session, now)) {
      // A person is sent to the verification page and brought back; a script or client gets the code.
      const wantsPage = access.level === 'page' && (request.headers.accept ?? '').includes('text/html');
      if (wantsPage) return reply.redirect(stepUpTarget(request, access), 303);
      throw new AppError('STEP_UP_REQUIRED');
    }
  });
}
