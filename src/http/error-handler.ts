import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue, type ErrorCode } from '../kernel/errors.js';
import { errorBody } from './error-body.js';
import { toErrorCode } from './error-mapping.js';
import { errorPage } from './error.page.js';
import { renderPage, type AppMode } from '../ui/layout.js';
import { setFallbackSecurityHeaders } from './security-headers.js';

/**
 * Browsers get a French page, everything else the JSON error body. The API answers JSON
 * whatever the Accept header says, so a client never has to parse a page.
 */
function wantsHtml(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0] ?? '';
  if (path === '/api' || path.startsWith('/api/') || path === '/health') return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** Sends the catalogue's answer for `code`: the status, and a page or `{ error: { code, message } }`. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  mode: AppMode,
): FastifyReply | Promise<FastifyReply> {
  const status = errorCatalogue[code].status;
  if (code === 'STEP_UP_REQUIRED' && request.method === 'GET' && wantsHtml(request) && request.url.startsWith('/')) {
    // The guard asked for a second factor before more reads (src/guard/): a person is sent to
    // the verification page and brought back to the page they asked for once it is answered.
    return reply.redirect(`/compte/verification?retour=${encodeURIComponent(request.url)}`, 303);
  }
  reply.code(status);
  if (wantsHtml(request)) {
    // Within the request's lifecycle (cookies read), the page's header says who is signed in;
    // a URL Fastify cannot decode is answered before that, as a visitor.
    if (request.cookies) return reply.page(errorPage(code), status);
    return reply.type('text/html; charset=utf-8').send(renderPage(errorPage(code), { mode, viewer: null }));
  }
  return reply.type('application/json; charset=utf-8').send(errorBody(code));
}

/**
 * Logs what went wrong by request id, code and error type, never by message (see
 * log-serializers.ts). Server faults are errors; refused client input is information.
 */
function logFailure(request: FastifyRequest, error: unknown, code: ErrorCode): void {
  if (errorCatalogue[code].status >= 500) request.log.error({ err: error, code }, 'échec de la requête');
  else request.log.info({ err: error, code }, 'requête refusée');
}

/** Maps every error to the catalogue, and every unknown route to NOT_FOUND. */
export function registerErrorHandling(app: FastifyInstance, mode: AppMode): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code = toErrorCode(error);
    logFailure(request, error, code);
    return sendError(request, reply, code, mode);
  });
  app.setNotFoundHandler((request, reply) => {
    request.log.info({ code: 'NOT_FOUND' }, 'route inconnue');
    return sendError(request, reply, 'NOT_FOUND', mode);
  });
}

/**
 * Fastify's `frameworkErrors` option: a URL it cannot decode is answered before any hook runs,
 * and by default with a message that echoes the URL. This answers it like any other bad input.
 */
export function frameworkErrorHandler(mode: AppMode) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply> => {
    setFallbackSecurityHeaders(reply);
    const code = toErrorCode(error);
    logFailure(request, error, code);
    return sendError(request, reply, code, mode);
  };
}
