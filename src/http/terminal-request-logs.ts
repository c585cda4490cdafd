import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify's per-request lines for a person at a terminal: nothing when a request arrives, and
 * one short line at `debug` when it ends (`GET /connexion → 200 (12 ms)`), so that the default
 * level shows only what needs attention. Failures keep Fastify's own lines and levels.
 * The line names the route's pattern, never the URL, which may carry personal data.
 */
export class TerminalRequestLogs extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    const route = request.routeOptions.url ?? '(route inconnue)';
    reply.log.debug(`${request.method} ${route} → ${reply.statusCode} (${Math.round(reply.elapsedTime)} ms)`);
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug(`${request.method} (route inconnue) → 404`);
  }
}

/**
 * Fastify's per-request lines everywhere else (JSON, for a log collector): one line when a
 * request ends, with its method, route pattern, status and duration, instead of two. Every line
 * goes through the logger's redaction, which dominated the cost of a request; one per request
 * keeps what an operator needs. Errors have their own line, from the error handler.
 */
export class OneLineRequestLogs extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.info({ req: request, res: reply, responseTime: Math.round(reply.elapsedTime) }, 'requête traitée');
  }

  // Fastify's own line quotes the URL, which may carry personal data: the route is unknown, say only that.
  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ req: request }, 'route inconnue');
  }
}
