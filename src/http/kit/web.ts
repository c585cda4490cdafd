import { readFileSync } from 'node:fs';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../kernel/clock.js';
import type { Role } from '../../kernel/roles.js';
import type { AppMode } from '../../ui/index.js';
import { registerFormBodies } from './form-body.js';
import { formRoute } from './form-route.js';
import { PendingForms } from './pending-forms.js';
import { registerUploads, uploadRoute } from './upload-route.js';
import { decorateReplies, type MenuEntry } from './reply.js';
import type { AnyObject, RouteOptions, Web } from './types.js';

declare module 'fastify' {
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

const noQuery = z.strictObject({});

function paramsSchema(url: string, params: AnyObject | undefined): AnyObject | undefined {
  if (url.includes(':') && !params) throw new Error(`${url} : la route lit des paramètres sans schéma zod`);
  return params;
}

interface Declared extends RouteOptions<AnyObject | undefined, AnyObject | undefined> {
  hide?: boolean;
  body?: z.ZodType;
  response?: Record<number, z.ZodType>;
  /** Accepts form bodies (see form-body.ts). */
  form?: boolean;
  /** Accepts one file in a multipart body (see upload-route.ts). */
  upload?: { maxBytes: number };
  /** OpenAPI words: summary, description, tags. */
  doc?: Record<string, unknown>;
}

/**
 * Sets up the kit on the app, once, before any route: form bodies for form routes only, the
 * CSRF tokens (@fastify/csrf-protection, a secret in a `__Host-` cookie), `reply.page` and
 * `reply.csrfToken`. Every domain registers its pages, forms and API through the returned kit;
 * each route gets its access declaration, its zod schemas (an empty strict query string when
 * it reads none) and, for pages, stays out of the OpenAPI document.
 */
export async function createWeb(app: FastifyInstance, deps: WebDeps): Promise<Web> {
  registerFormBodies(app);
  await registerUploads(app);
  await app.register(csrf, {
    cookieKey: '__Host-rempart-csrf',
    cookieOpts: { path: '/', httpOnly: true, secure: true, sameSite: 'lax', signed: false },
  });
  const menu: MenuEntry[] = [];
  decorateReplies(app, deps, menu);
  const pendingForms = new PendingForms(deps.clock);
  const homes = new Map<Role, string>();

  function route(
    method: HTTPMethods,
    url: string,
    options: Declared,
    hooks: Record<string, unknown>,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ): void {
    const params = paramsSchema(url, options.params);
    app.route({
      method,
      url,
      schema: {
        hide: options.hide ?? true,
        querystring: options.query ?? noQuery,
        ...(params ? { params } : {}),
        ...(options.body ? { body: options.body } : {}),
        ...(options.response ? { response: options.response } : {}),
        ...options.doc,
      },
      config: {
        access: options.access,
        ...(options.form ? { form: true } : {}),
        ...(options.upload ? { upload: options.upload } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      },
      ...hooks,
      handler,
    });
  }

  return {
    pendingForms,
    home(roles, path) {
      for (const role of roles) {
        if (homes.has(role)) throw new Error(`${role} : l’espace du rôle est déjà ${homes.get(role)}`);
        homes.set(role, path);
      }
    },
    script(name, file) {
      if (!/^[a-z][a-z0-9-]*\.js$/.test(name)) throw new Error(`${name} : nom de script invalide`);
      const body = readFileSync(file);
      const open = { schema: { hide: true }, config: { access: { level: 'public' as const } } };
      app.get(`/static/${name}`, open, (_request, reply) =>
        reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(body),
      );
    },
    homeOf(role) {
      return homes.get(role) ?? '/compte';
    },
    page(url, options, handler) {
      if (options.menu) {
        if (options.access.level !== 'page') throw new Error(`${url} : seule une page d’un compte va au menu`);
        menu.push({ link: { href: url, label: options.menu }, roles: options.access.roles });
      }
      route('GET', url, options, {}, handler as never);
    },
    form(url, options, action) {
      const built = formRoute(options as never, action as never, pendingForms);
      const hooks = {
        // The errors are the form's to show (see form-route.ts), not the error page's.
        attachValidation: true,
        preValidation: app.csrfProtection,
        ...(built.onSend ? { onSend: built.onSend } : {}),
      };
      route('POST', url, { ...options, body: built.body, form: true }, hooks, built.handler);
    },
    upload(url, options, action) {
      const built = uploadRoute(app, options as never, action as never, pendingForms);
      // The body schema is listed with the route, and applied in the handler once the parts are read.
      const upload = { maxBytes: options.maxBytes };
      route('POST', url, { ...options, upload, body: built.body }, { attachValidation: true }, built.handler);
    },
    action(url, options, handler) {
      route('POST', url, options, { preValidation: app.csrfProtection }, handler as never);
    },
    api(method, url, options, handler) {
      const { summary, description, tags } = options;
      const doc = { summary, description, tags };
      route(method, url, { ...options, hide: options.hide ?? false, doc }, {}, handler as never);
    },
  };
}
