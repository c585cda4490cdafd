import { isAppError } from '../kernel/errors.js';

/**
 * Serializers for the objects Fastify hands to pino. Each one copies the fields it names and
 * nothing else (a whitelist), because the raw objects carry personal data: the URL's query
 * string, headers, cookies, bodies, and error messages that quote input values.
 */

interface RequestLike {
  method?: unknown;
  routeOptions?: { url?: unknown };
}

interface ReplyLike {
  statusCode?: unknown;
}

/** The request as the logs see it: the method and the route *pattern*, never the URL. */
export function serializeRequest(request: RequestLike): { method: string; route: string | null } {
  const route = request.routeOptions?.url;
  return {
    method: typeof request.method === 'string' ? request.method : 'INCONNUE',
    route: typeof route === 'string' ? route : null,
  };
}

/** The reply as the logs see it: its status code only (headers may set a session cookie). */
export function serializeReply(reply: ReplyLike): { statusCode: number | null } {
  return { statusCode: typeof reply.statusCode === 'number' ? reply.statusCode : null };
}

/** What the logs keep of an error. */
export interface LoggedError {
  type: string;
  code?: string;
  statusCode?: number;
  catalogue?: { code: string; detail?: string };
  frames: string[];
  cause?: LoggedError;
}

// Error codes from Fastify, Node and PostgreSQL (SQLSTATE) are short identifiers; anything else
// in a `code` property is not trusted to be free of personal data.
const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_CAUSE_DEPTH = 3;

/**
 * Keeps an error's type, code, status and stack frames, and drops its message: PostgreSQL,
 * zod, JSON.parse and URL decoding all quote the offending input in their messages
 * (`invalid input syntax for type integer: "jeanne@exemple.fr"`). An AppError's message is
 * catalogue text, so its code and its `detail` (documented as free of personal data) are kept.
 */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (typeof error !== 'object' || error === null) return { type: typeof error, frames: [] };
  const candidate = error as {
    code?: unknown;
    statusCode?: unknown;
    stack?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const logged: LoggedError = {
    type: error.constructor?.name ?? 'Object',
    frames: stackFrames(candidate.stack, candidate.message),
  };
  if (typeof candidate.code === 'string' && SAFE_CODE.test(candidate.code)) logged.code = candidate.code;
  if (typeof candidate.statusCode === 'number') logged.statusCode = candidate.statusCode;
  if (isAppError(error)) logged.catalogue = { code: error.code, ...(error.detail ? { detail: error.detail } : {}) };
  if (candidate.cause !== undefined && depth < MAX_CAUSE_DEPTH)
    logged.cause = serializeError(candidate.cause, depth + 1);
  return logged;
}

/**
 * The `at …` lines of a V8 stack: code locations only. The message is cut off first, since a
 * multi-line message could itself hold lines that look like frames.
 */
function stackFrames(stack: unknown, message: unknown): string[] {
  if (typeof stack !== 'string') return [];
  const messageEnd = typeof message === 'string' && message !== '' ? stack.indexOf(message) : -1;
  const frames = messageEnd >= 0 ? stack.slice(messageEnd + (message as string).length) : stack;
  return frames
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
}
