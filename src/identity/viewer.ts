import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Role } from '../kernel/roles.js';
import { readSessionCookie } from './sessions/cookie.js';
import { findSession } from './sessions/session-store.js';

/**
 * The role of the account signed in on a request, for the header of every page. The access
 * check has already looked the session up on every route that declares its access; an error
 * page or an unknown address (no route, so no check) looks it up here. A session whose cookie
 * is no longer bound to this device still shows as signed in: its pages ask the device to
 * prove itself, and the header says no more than the kind of account.
 */
export function viewerRole(deps: { db: Db; clock: Clock }) {
  return async (request: FastifyRequest): Promise<Role | null> => {
    if (request.session) return request.session.role;
    if (!request.cookies) return null;
    const cookie = readSessionCookie(request);
    if (!cookie) return null;
    return (await findSession(deps.db, cookie, deps.clock.now()))?.role ?? null;
  };
}
