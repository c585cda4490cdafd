import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';

/**
 * The session cookie. `__Host-` pins it to this origin, path / and Secure (RFC 6265bis §4.1.3.2);
 * browsers accept Secure cookies from http://localhost and 127.0.0.1, so the demo works too.
 * HttpOnly keeps it from scripts; SameSite=Lax keeps it off cross-site sub-requests and posts.
 */
export const SESSION_COOKIE = '__Host-rempart';

export function readSessionCookie(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

export function setSessionCookie(reply: FastifyReply, value: string): void {
  reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
}
