import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { errorCatalogue, type ErrorCode } from '../kernel/errors.js';
import { errorBody } from './error-body.js';
import { contentSecurityPolicy } from './security-headers.js';

/*
 * Some requests never reach Fastify: Node's HTTP parser refuses them (headers over its 16 KiB
 * limit, a method it does not know, a malformed header line), or hands them to a `connect`
 * listener (CONNECT, RFC 9110 §9.3.6). Fastify's default answer to the first kind is its own
 * English JSON; the second gets no answer at all. Both are answered here, on the raw socket,
 * in the catalogue's shape (DESIGN.md, "Contracts"), and the connection is closed since the
 * parser's state cannot be trusted after such a request.
 */

/** The catalogue code for an error Node's HTTP parser raised before any route ran. */
export function clientErrorCode(error: { code?: unknown }): ErrorCode {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 'HEADERS_TOO_LARGE'; // RFC 6585 §5
    case 'HPE_INVALID_METHOD':
      return 'NOT_IMPLEMENTED'; // RFC 9110 §15.6.2: a method the server does not recognise
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'REQUEST_TIMEOUT';
    default:
      return 'BAD_REQUEST';
  }
}

/**
 * The whole HTTP/1.1 answer for a code, headers and body. Content-Length counts bytes: the
 * French messages are not ASCII. The security headers are those every other answer carries.
 */
export function rawErrorResponse(code: ErrorCode): string {
  const status = errorCatalogue[code].status;
  const body = JSON.stringify(errorBody(code));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body, 'utf8')}`,
    'Cache-Control: no-store',
    `Content-Security-Policy: ${contentSecurityPolicy}`,
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: no-referrer',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

function answer(socket: Duplex, code: ErrorCode): void {
  if (socket.writable) socket.end(rawErrorResponse(code));
  else socket.destroy();
}

/**
 * Fastify's `clientErrorHandler` option (bound to the instance by Fastify). Logs the code and
 * the parser's error code only: the request's bytes may hold anything, personal data included.
 */
export function answerClientError(this: FastifyInstance, error: Error & { code?: unknown }, socket: Duplex): void {
  // A reset connection has nobody left to answer (Node's own `clientError` rule).
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = clientErrorCode(error);
  this.log.info({ code, parserCode: typeof error.code === 'string' ? error.code : undefined }, 'requête illisible');
  answer(socket, code);
}

/** Answers CONNECT, which Node hands to `connect` listeners and otherwise drops in silence. */
export function registerConnectAnswer(app: FastifyInstance): void {
  app.server.on('connect', (_request: unknown, socket: Duplex) => {
    app.log.info({ code: 'NOT_IMPLEMENTED' }, 'méthode CONNECT refusée');
    answer(socket, 'NOT_IMPLEMENTED');
  });
}
