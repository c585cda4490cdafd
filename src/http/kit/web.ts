import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, onSendHookHandler } from 'fastify';
import { z } from 'zod';
import type { Access } from '../../identity/access.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, isAppError, type ErrorCode } from '../../kernel/errors.js';
import { roleShortLabels, type Role } from '../../kernel/roles.js';
import { renderPage, type AppMode, type FormState, type MenuLink, type PageContent } from '../../ui/index.js';
import { registerFormBodies } from './form-body.js';
import { formProblems, FormInvalid, keptValues } from './form-problems.js';
import { isSecretField } from './form-fields.js';
import { PendingForms } from './pending-forms.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- Fastify's route generics are spelled here once, so that
   domain routes get typed `query`, `params` and `body` from their zod schemas without spelling them. */

declare module 'fastify' {
  interface FastifyReply {
    /** Sends a DSFR page: the layout, the header with who is signed in, French typography. */
    page(content: PageContent, status?: number): Promise<FastifyReply>;
    /** This reply's CSRF token, the same for every form of the page. */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** A route that accepts form bodies (`application/x-www-form-urlencoded`). */
    form?: boolean;
  }
}

/** What the kit needs from the app. */
export interface WebDeps {
  mode: AppMode;
  clock: Clock;
  /** The role of the account signed in on this request, or null: the header shows it. */
  viewerRole: (request: FastifyRequest) => Promise<Role | null>;
}

type AnyObject = z.ZodObject<any>;
type Handler<Generic extends object> = (request: FastifyRequest<Generic>, reply: FastifyReply) => Promise<unknown>;
type Query<Q extends AnyObject | undefined> = Q extends AnyObject ? z.output<Q> : Record<string, never>;
type Params<P extends AnyObject | undefined> = P extends AnyObject ? z.output<P> : Record<string, never>;

interface RouteOptions<Q extends AnyObject | undefined, P extends AnyObject | undefined> {
  access: Access;
  /** The query string; none is accepted when left out. */
  query?: Q;
  /** The path's parameters; required when the URL has any. */
  params?: P;
  /** Per-route rate limit (@fastify/rate-limit), for public routes that store something. */
  rateLimit?: { max: number; timeWindow: number };
}

interface FormOptions<
  F extends AnyObject,
  Q extends AnyObject | undefined,
  P extends AnyObject | undefined,
> extends RouteOptions<Q, P> {
  /** The fields, as a `z.strictObject` of `formFields` (the CSRF token is added by the kit). */
  fields: F;
  /**
   * The page the form is on, shown again with the errors and what was typed. Left out for a
   * one-click form (a button with hidden fields), where bad input can only be tampering: the
   * error page then answers.
   */
  render?: (form: FormState<keyof z.input<F> & string>, request: FastifyRequest) => PageContent | Promise<PageContent>;
  /**
   * Catalogue errors the action may throw that the person can fix from the page: shown on the
   * form, with their status, rather than as an error page. `'client'`: every 4xx code.
   */
  showErrors?: readonly ErrorCode[] | 'client';
  /**
   * For a form behind a step-up: what it does, in a few words, when it should resume after the
   * step-up with what was typed (« approuver la demande de compte »). Left out, the person comes
   * back to the form's page (`access.returnTo`) instead.
   */
  resume?: string;
}

/** A route's kit: pages, forms, script endpoints and the JSON API, each with its access and schemas. */
export interface Web {
  /** A GET page. `menu` puts it in the header's menu of the roles its access allows. */
  page<Q extends AnyObject | undefined = undefined, P extends AnyObject | undefined = undefined>(
    url: string,
    options: RouteOptions<Q, P> & { menu?: string },
    handler: Handler<{ Querystring: Query<Q>; Params: Params<P> }>,
  ): void;
  /**
   * A POST form. Bad input shows its page again with each field's French error and what was
   * typed (passwords and codes left out); the action may also call {@link invalid}.
   */
  form<F extends AnyObject, Q extends AnyObject | undefined = undefined, P extends AnyObject | undefined = undefined>(
    url: string,
    options: FormOptions<F, Q, P>,
    action: (
      values: z.output<F>,
      request: FastifyRequest<{ Querystring: Query<Q>; Params: Params<P> }>,
      reply: FastifyReply,
    ) => Promise<unknown>,
  ): void;
  /** A POST that our page scripts call with JSON and the CSRF token in `x-csrf-token`; answers JSON. */
  action<B extends z.ZodType>(
    url: string,
    options: { access: Access; body: B; rateLimit?: RouteOptions<undefined, undefined>['rateLimit'] },
    handler: Handler<{ Body: z.output<B> }>,
  ): void;
  /**
   * A JSON endpoint (the API under /api/v1, or a session endpoint of the page scripts). Every
   * response is checked against its schema on the way out: a presenter's fields, no more.
   */
  api<
    Q extends AnyObject | undefined = undefined,
    P extends AnyObject | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
  >(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: RouteOptions<Q, P> & {
      body?: B;
      response: Record<number, z.ZodType>;
      summary?: string;
      description?: string;
      tags?: string[];
      /** Left out of the OpenAPI document (the page scripts' own endpoints). */
      hide?: boolean;
    },
    handler: Handler<{
      Querystring: Query<Q>;
      Params: Params<P>;
      Body: B extends z.ZodType ? z.output<B> : undefined;
    }>,
  ): void;
  /** Forms waiting for a step-up (see PendingForms). */
  readonly pendingForms: PendingForms;
}

/** Throws from a form's action to show its page again with these errors (400 unless said). */
export function invalid(
  errors: Record<string, string | undefined>,
  options: { error?: string; status?: number } = {},
): never {
  throw new FormInvalid(errors, options.error, options.status ?? 400);
}

const noQuery = z.strictObject({});

function shown(which: readonly ErrorCode[] | 'client' | undefined, error: AppError): boolean {
  return which === 'client' ? error.status < 500 : (which?.includes(error.code) ?? false);
}

function paramsSchema(url: string, params: AnyObject | undefined): AnyObject | undefined {
  if (url.includes(':') && !params) throw new Error(`${url} : la route lit des paramètres sans schéma zod`);
  return params;
}

/**
 * Sets up the kit on the app, once, before any route: form bodies for form routes only, the
 * CSRF tokens (@fastify/csrf-protection, a secret in a `__Host-` cookie), `reply.page` and
 * `reply.csrfToken`. Every domain registers its pages, forms and API through the returned kit.
 */
export async function createWeb(app: FastifyInstance, deps: WebDeps): Promise<Web> {
  registerFormBodies(app);
  await app.register(csrf, {
    cookieKey: '__Host-rempart-csrf',
    cookieOpts: { path: '/', httpOnly: true, secure: true, sameSite: 'lax', signed: false },
  });
  const menu: { link: MenuLink; roles: readonly Role[] | undefined }[] = [];
  const tokens = new WeakMap<FastifyReply, string>();
  const pendingForms = new PendingForms(deps.clock);

  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
    // One token per reply: a second generateCsrf() before the cookie exists would make a new secret.
    let token = tokens.get(this);
    if (!token) tokens.set(this, (token = this.generateCsrf()));
    return token;
  });
  app.decorateReply('page', async function page(this: FastifyReply, content: PageContent, status = 200) {
    const role = content.reverify ? null : await deps.viewerRole(this.request);
    const viewer = role
      ? {
          accountLabel: roleShortLabels[role],
          menu: menu.filter((entry) => !entry.roles || entry.roles.includes(role)).map((entry) => entry.link),
          csrfToken: this.csrfToken(),
        }
      : null;
    const path = this.request.url.split('?', 1)[0];
    return this.code(status)
      .type('text/html; charset=utf-8')
      .send(renderPage(content, { mode: deps.mode, viewer, path }));
  });

  function route(
    method: HTTPMethods,
    url: string,
    options: RouteOptions<any, any> & {
      hide?: boolean;
      body?: z.ZodType;
      response?: Record<number, z.ZodType>;
      /** Accepts form bodies (see form-body.ts). */
      form?: boolean;
    },
    { schema: extraSchema, ...extra }: Record<string, unknown>,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ): void {
    app.route({
      method,
      url,
      schema: {
        hide: options.hide ?? true,
        querystring: options.query ?? noQuery,
        ...(paramsSchema(url, options.params) ? { params: options.params } : {}),
        ...(options.body ? { body: options.body } : {}),
        ...(options.response ? { response: options.response } : {}),
        ...((extraSchema as object | undefined) ?? {}),
      },
      config: {
        access: options.access,
        ...(options.form ? { form: true } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      },
      ...extra,
      handler,
    } as any);
  }

  return {
    pendingForms,

    page(url, options, handler) {
      if (options.menu) {
        if (options.access.level !== 'page') throw new Error(`${url} : seul une page d’un compte va au menu`);
        menu.push({ link: { href: url, label: options.menu }, roles: options.access.roles });
      }
      route('GET', url, options, {}, handler as any);
    },

    form(url, options, action) {
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
      const extra = {
        attachValidation: true,
        preValidation: app.csrfProtection,
        ...(options.access.stepUp && options.resume ? { onSend: stash } : {}),
      };
      route('POST', url, { ...options, body, form: true }, extra, async (request, reply) => {
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
          if (isAppError(error) && shown(options.showErrors, error)) {
            return show(request, reply, new FormInvalid({}, error.message, error.status));
          }
          throw error;
        }
      });
    },

    action(url, options, handler) {
      route('POST', url, options, { preValidation: app.csrfProtection }, handler as any);
    },

    api(method, url, options, handler) {
      const { summary, description, tags } = options;
      route(
        method,
        url,
        { ...options, hide: options.hide ?? false },
        { schema: { summary, description, tags } },
        handler as any,
      );
    },
  };
}
