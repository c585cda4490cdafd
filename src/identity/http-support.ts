import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderPage, type AppMode, type PageContent } from '../http/layout.js';
import { AppError } from '../kernel/errors.js';
import { parseDeviceKey } from './sessions/device-proof.js';

/** The login between its steps (password, then second factor). */
export const FLOW_COOKIE = '__Host-rempart-connexion';
/** A WebAuthn ceremony in progress (its challenge is in `login_flows`, under a hash). */
export const CEREMONY_COOKIE = '__Host-rempart-ceremonie';
export const cookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };

export function sendPage(reply: FastifyReply, page: PageContent, mode: AppMode, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(page, mode));
}

export function clientOf(request: FastifyRequest) {
  return { addr: request.ip, userAgent: request.headers['user-agent'] };
}

/** The public device key a login page sends, as a JSON string (form) or an object (script). */
export function deviceKeyOf(value: unknown) {
  try {
    const key = parseDeviceKey(typeof value === 'string' ? JSON.parse(value) : value);
    if (key) return key;
  } catch {
    // fall through: a missing or malformed key is refused below
  }
  throw new AppError('DEVICE_KEY_REQUIRED');
}

/** A form body or a JSON body, as a plain record; anything else is an empty one. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
