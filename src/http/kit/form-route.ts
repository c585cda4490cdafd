import type { FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, type ErrorCode } from '../../kernel/errors.js';
import { isSecretField } from './form-fields.js';
import { formProblems, FormInvalid, keptValues } from './form-problems.js';
import type { PendingForms } from './pending-forms.js';
import type { AnyObject, FormOptions } from './types.js';

/** Throws from a form's action to show its page again with these errors (400 unless said). */
export function invalid(
  errors: Record<string, string | undefined>,
  options: { error?: string; status?: number } = {},
): never {
  throw new FormInvalid(errors, options.error, options.status ?? 400);
}

function shown(which: readonly ErrorCode[] | 'client' | undefined, error: AppError): boolean {
  return which === 'client' ? error.status < 500 : (which?.includes(error.code) ?? false);
}

/** What a form route is made of: its body schema, its hooks and its handler. */
export interface FormRoute {
  body: AnyObject;
  onSend: onSendHookHandler | undefined;
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/**
 * Builds a form route: the fields with the CSRF token, a handler that shows the page again on
 * bad input (each field's error, what was typed but the secret fields), the action's own
 * `invalid` and listed catalogue errors; and, behind a step-up with `resume`, the hook that
 * keeps the posted form when the access check sends the person to the step-up first.
 */
export function formRoute(
  options: FormOptions<AnyObject, undefined, undefined>,
  action: (values: never, request: never, reply: FastifyReply) => Promise<unknown>,
  pendingForms: PendingForms,
): FormRoute {
  const body = options.fields.extend({ _csrf: z.string().max(512) });
  const secrets = Object.entries(options.fields.shape)
    .filter(([, schema]) => isSecretField(schema as z.ZodType))
    .map(([name]) => name);
  // Requests whose action ran: any other 303 on a step-up form is the access check's.
  const acted = new WeakSet<FastifyRequest>();
  const stash: onSendHookHandler = async (request, reply, payload) => {
    if (!acted.has(request) && reply.statusCode === 303 && request.session && options.resume) {
      const fields = keptValues(request.body, secrets);
      pendingForms.save(request.session.id, { url: request.url, fields, label: options.resume });
    }
    return payload;
  };
  const show = async (request: FastifyRequest, reply: FastifyReply, problems: FormInvalid) => {
    if (!options.render) throw new AppError('VALIDATION_FAILED', 'one-click form');
    const form = {
      csrfToken: reply.csrfToken(),
      values: keptValues(request.body, secrets),
      errors: problems.errors,
      error: problems.formError,
    };
    return reply.page(await options.render(form as never, request), problems.status);
  };
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    acted.add(request);
    if (request.validationError) {
      const problems = formProblems(body, request.body);
      if (!problems) throw new AppError('VALIDATION_FAILED', 'query or path parameters');
      return show(request, reply, problems);
    }
    const { _csrf: _token, ...values } = request.body as Record<string, unknown>;
    try {
      return await action(values as never, request as never, reply);
    } catch (error) {
      if (error instanceof FormInvalid) return show(request, reply, error);
      if (isAppError(error) && error.code === 'STEP_UP_REQUIRED' && request.session) {
        // The guard holds the account's reads until a second-factor check (src/guard/): the
        // form is kept, as for a step-up route, and posted again once the check is answered.
        pendingForms.save(request.session.id, {
          url: request.url,
          fields: keptValues(request.body, secrets),
          label: options.resume ?? 'la consultation demandée',
        });
        return reply.redirect(`/compte/verification?retour=${encodeURIComponent(request.url)}`, 303);
      }
      if (isAppError(error) && shown(options.showErrors, error)) {
        return show(request, reply, new FormInvalid({}, error.message, error.status));
      }
      throw error;
    }
  };
  return { body, onSend: options.access.stepUp && options.resume ? stash : undefined, handler };
}
