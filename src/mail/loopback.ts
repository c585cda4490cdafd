import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

// Headers a proxy adds; a local browser talking to the server directly sends none of them.
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/** Whether `addr` is a loopback address (127.0.0.0/8, ::1, or 127.x.y.z mapped into IPv6). */
export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(addr)?.[1];
  const v4 = mapped ?? addr;
  if (isIP(v4) === 4) return loopback.check(v4, 'ipv4');
  return isIP(addr) === 6 && loopback.check(addr, 'ipv6');
}

/**
 * Whether a request comes from a person on the server's own machine: the TCP peer (the
 * socket, which no header can forge) is a loopback address, and the request did not come
 * through a proxy. With `TRUST_PROXY` set, a proxy on the same machine is a loopback peer for
 * every visitor, so a forwarded request is refused whatever it claims, and `request.ip` (the
 * address Fastify believes after `trustProxy`) must be loopback too. Deny by default.
 */
export function fromLoopback(request: FastifyRequest): boolean {
  if (FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return isLoopbackAddress(request.socket.remoteAddress) && isLoopbackAddress(request.ip);
}
