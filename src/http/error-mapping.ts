import { isAppError, type ErrorCode } from '../kernel/errors.js';

// Fastify's own errors for bad input, by their stable codes (fastify/lib/errors.js).
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'BAD_REQUEST',
  FST_ERR_NOT_FOUND: 'NOT_FOUND',
};

// Other client errors (from plugins such as @fastify/static), by HTTP status.
const CLIENT_STATUSES: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The catalogue code for anything a handler, a hook or Fastify threw. Bad input always maps to
 * a 4xx code; whatever is not recognised is INTERNAL, so a new failure is loud, not mislabelled.
 * The reply's status is always the catalogue's status for the code.
 */
export function toErrorCode(error: unknown): ErrorCode {
  if (isAppError(error)) return error.code;
  if (typeof error !== 'object' || error === null) return 'INTERNAL';
  const { code, statusCode, validation } = error as { code?: unknown; statusCode?: unknown; validation?: unknown };
  if (validation !== undefined) return 'VALIDATION_FAILED';
  if (typeof code === 'string' && Object.hasOwn(FASTIFY_CODES, code)) return FASTIFY_CODES[code]!;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return CLIENT_STATUSES[statusCode] ?? 'BAD_REQUEST';
  }
  return 'INTERNAL';
}
