import type { FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { parseDeviceKey } from './sessions/device-proof.js';

/** The login between its steps (password, then second factor). */
export const FLOW_COOKIE = '__Host-rempart-connexion';
/** A WebAuthn ceremony in progress (its challenge is in `login_flows`, under a hash). */
export const CEREMONY_COOKIE = '__Host-rempart-ceremonie';
export const cookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' as const };

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
