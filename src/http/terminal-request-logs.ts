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
