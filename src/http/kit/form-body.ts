import type { FastifyInstance } from 'fastify';
import { AppError } from '../../kernel/errors.js';

/** No form of ours comes near this; a larger one is refused (413) before it is read. */
export const FORM_BODY_LIMIT_BYTES = 16 * 1024;

/** A form body as fields: one value as a string, a field sent several times as a list. */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return fields;
}

/**
 * Form bodies (`application/x-www-form-urlencoded`) are parsed for the routes declared as forms
 * (`config.form`), and refused with 415 everywhere else. A form is what another site can make a
 * browser send without a CORS preflight, so the JSON API must never accept one; forms carry
 * their CSRF token instead.
 */
export function registerFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (request.routeOptions.config.form !== true) {
        done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'form body outside a form route'), undefined);
        return;
      }
      done(null, parseFormBody(String(body)));
    },
  );
}
