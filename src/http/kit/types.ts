import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Access } from '../../identity/index.js';
import type { ErrorCode } from '../../kernel/errors.js';
import type { Role } from '../../kernel/roles.js';
import type { FormState, PageContent } from '../../ui/index.js';
import type { PendingForms } from './pending-forms.js';
import type { UploadOutcome } from './upload-route.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- Fastify's route generics are spelled here once, so that
   domain routes get typed `query`, `params` and `body` from their zod schemas without spelling them. */

export type AnyObject = z.ZodObject<any>;
export type Handler<Generic extends object> = (
  request: FastifyRequest<Generic>,
  reply: FastifyReply,
) => Promise<unknown>;
export type Query<Q extends AnyObject | undefined> = Q extends AnyObject ? z.output<Q> : Record<string, never>;
export type Params<P extends AnyObject | undefined> = P extends AnyObject ? z.output<P> : Record<string, never>;

export interface RouteOptions<Q extends AnyObject | undefined, P extends AnyObject | undefined> {
  access: Access;
  /** The query string; none is accepted when left out. */
  query?: Q;
  /** The path's parameters; required when the URL has any. */
  params?: P;
  /** Per-route rate limit (@fastify/rate-limit), for public routes that store something. */
  rateLimit?: { max: number; timeWindow: number };
}

export interface FormOptions<
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
  /**
   * A POST form with one file (`multipart/form-data`), read only after the access check and cut
   * at `maxBytes`; otherwise as {@link form}. The action gets what was sent in `fileField`. No
   * `resume`: a form kept for after a step-up is posted again without its file.
   */
  upload<F extends AnyObject>(
    url: string,
    options: Omit<FormOptions<F, undefined, undefined>, 'resume'> & { fileField: string; maxBytes: number },
    action: (
      values: z.output<F>,
      upload: UploadOutcome,
      request: FastifyRequest,
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
  /**
   * Declares the space a role lands on after login (`/espace` sends each account to its role's
   * home). A role has one home; a role without one lands on « Mon compte ».
   */
  home(roles: readonly Role[], path: string): void;
  /**
   * A page script of the domain, served at `/static/<name>` from our origin (CSP 'self'), read
   * once at start. Public like every script: it holds no data, only what the browser runs.
   */
  script(name: string, file: string): void;
  /** The home of a role: the path a domain declared with {@link home}, or `/compte`. */
  homeOf(role: Role): string;
  /** Forms waiting for a step-up (see PendingForms). */
  readonly pendingForms: PendingForms;
}
