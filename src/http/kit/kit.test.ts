import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDb } from '../../../test/support/databases.js';
import { multipartBody } from '../../../test/support/multipart.js';
import type { Db } from '../../db/client.js';
import { AppError, errorCatalogue } from '../../kernel/errors.js';
import {
  csrfInput,
  emptyForm,
  formErrors,
  html,
  passwordInput,
  selectInput,
  textInput,
  type FormState,
} from '../../ui/index.js';
import { buildApp } from '../app.js';
import { testDeps } from '../test-helpers.js';
import { access, formFields, invalid, type Web } from './index.js';

const fields = z.strictObject({
  name: formFields.text('Indiquez votre nom.', 50),
  email: formFields.email(),
  password: formFields.password(),
  level: formFields.choice(['A1', 'B2'], 'Choisissez un niveau.'),
});

function probePage(form: FormState<'name' | 'email' | 'password' | 'level'>) {
  return {
    title: 'Essai',
    main: html`<h1>Essai</h1>
      ${formErrors(form)}
      <form method="post" action="/essai/formulaire">
        ${csrfInput(form)} ${textInput(form, 'name', { label: 'Nom' })}
        ${textInput(form, 'email', { label: 'Adresse électronique', type: 'email' })}
        ${passwordInput(form, 'password', { label: 'Mot de passe', autocomplete: 'new-password' })}
        ${selectInput(form, 'level', {
          label: 'Niveau',
          choices: [
            { value: 'A1', label: 'A1' },
            { value: 'B2', label: 'B2' },
          ],
        })}
      </form>`,
  };
}

/** Routes a domain would write, through the kit only. */
function probeRoutes(web: Web): void {
  web.page('/essai/formulaire', { access: access.public() }, async (_request, reply) =>
    reply.page(probePage(emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/essai/formulaire',
    { access: access.public(), fields, render: (form) => probePage(form), showErrors: ['READ_BUDGET_EXCEEDED'] },
    async (values, _request, reply) => {
      if (values.name === 'Pris') invalid({ name: 'Ce nom est déjà pris.' }, { status: 409 });
      if (values.name === 'Budget') throw new AppError('READ_BUDGET_EXCEEDED');
      if (values.name === 'Panne') throw new AppError('FORBIDDEN');
      return reply.code(200).send(`reçu ${values.name} ${values.level}`);
    },
  );
  web.script('essai.js', fileURLToPath(new URL('../../training/static/import-sessions.js', import.meta.url)));
  web.upload(
    '/essai/fichier',
    {
      access: access.public(),
      fields: z.strictObject({}),
      fileField: 'fichier',
      maxBytes: 100,
      rateLimit: { max: 2, timeWindow: 60_000 },
    },
    async (_values, upload, _request, reply) => reply.code(200).send(upload.kind),
  );
  web.api(
    'GET',
    '/api/v1/essai/:id',
    {
      access: access.public(),
      params: z.strictObject({ id: z.uuid() }),
      response: { 200: z.strictObject({ id: z.string() }) },
    },
    async (request) => ({ id: request.params.id }),
  );
  web.api(
    'POST',
    '/api/v1/essai',
    {
      access: access.public(),
      body: z.strictObject({ nom: z.string().max(50) }),
      response: { 200: z.strictObject({ nom: z.string() }) },
    },
    async (request) => ({ nom: request.body.nom }),
  );
  web.api(
    'GET',
    '/api/v1/essai-fuite',
    { access: access.public(), response: { 200: z.strictObject({ id: z.string() }) } },
    // A handler that returns more than its schema names: the reply is refused, never sent.
    async () => ({ id: 'x', secret: 'ne doit pas sortir' }) as { id: string },
  );
}

describe('the role homes', () => {
  it('gives each role one home, « Mon compte » when none is declared, and refuses a second', async () => {
    const db = await openTestDb('pglite');
    let kit: Web | undefined;
    const app = await buildApp(testDeps(db), (web) => {
      web.home(['recruiter', 'recruiter_manager'], '/recrutement');
      kit = web;
    });
    try {
      expect(kit!.homeOf('recruiter_manager')).toBe('/recrutement');
      expect(kit!.homeOf('advisor')).toBe('/compte');
      expect(() => kit!.home(['recruiter'], '/ailleurs')).toThrow(/déjà \/recrutement/);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('the route kit', () => {
  let db: Db;
  let app: FastifyInstance;
  let csrf: { token: string; cookie: string };

  const post = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/essai/formulaire',
      headers: {
        accept: 'text/html',
        cookie: csrf.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      payload: new URLSearchParams({ _csrf: csrf.token, ...payload }).toString(),
    });

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildApp(testDeps(db), probeRoutes);
    await app.ready();
    const page = await app.inject({ url: '/essai/formulaire', headers: { accept: 'text/html' } });
    csrf = {
      token: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
      cookie: page.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
    };
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const fieldInError = (response: LightMyRequestResponse, name: string, message: string) => {
    expect(response.body).toContain(`<p class="fr-error-text" id="champ-${name}-erreur">${message}</p>`);
    expect(response.body).toMatch(new RegExp(`aria-describedby="[^"]*champ-${name}-erreur"`));
    expect(response.body).toMatch(
      new RegExp(`id="champ-${name}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="champ-${name}"`),
    );
  };

  it('accepts a valid form, trimmed', async () => {
    const response = await post({ name: '  Zoé ', email: 'zoe@exemple.fr', password: 'x', level: 'B2' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('reçu Zoé B2');
  });

  it('shows the page again with each field’s French error, what was typed, and never the password', async () => {
    const response = await post({
      name: '',
      email: 'pas-une-adresse',
      password: 'Secret du formulaire 42',
      level: 'Z9',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    fieldInError(response, 'name', 'Indiquez votre nom.');
    fieldInError(response, 'email', 'Indiquez une adresse électronique valide, par exemple nom@domaine.fr.');
    fieldInError(response, 'level', 'Choisissez un niveau.');
    expect(response.body).toContain('class="fr-input-group fr-input-group--error"');
    expect(response.body).toContain('value="pas-une-adresse"');
    expect(response.body).not.toContain('Secret du formulaire');
    // The summary at the top links to each field in error.
    expect(response.body).toContain('Le formulaire contient 3 erreurs');
    expect(response.body).toContain('<a href="#champ-email">');
    // Control: the field that was right is not marked.
    expect(response.body).not.toContain('champ-password-erreur');
  });

  it('says the same of a field that is missing altogether, and of a field the page does not have', async () => {
    const missing = await post({ email: 'zoe@exemple.fr', password: 'x', level: 'A1' });
    fieldInError(missing, 'name', 'Indiquez votre nom.');
    const extra = await post({ name: 'Zoé', email: 'zoe@exemple.fr', password: 'x', level: 'A1', role: 'admin' });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('Le formulaire envoyé ne correspond pas à cette page');
  });

  it('lets the action mark a field, and show the catalogue errors it lists on the form', async () => {
    const taken = await post({ name: 'Pris', email: 'zoe@exemple.fr', password: 'x', level: 'A1' });
    expect(taken.statusCode).toBe(409);
    fieldInError(taken, 'name', 'Ce nom est déjà pris.');
    const budget = await post({ name: 'Budget', email: 'zoe@exemple.fr', password: 'x', level: 'A1' });
    expect(budget.statusCode).toBe(429);
    expect(budget.body).toContain(errorCatalogue.READ_BUDGET_EXCEEDED.message);
    expect(budget.body).toContain('<h1>Essai</h1>');
    // Any other error is the error page, not the form.
    const other = await post({ name: 'Panne', email: 'zoe@exemple.fr', password: 'x', level: 'A1' });
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('<h1>Essai</h1>');
  });

  it('serves a domain’s page script at /static/, to anyone, outside the API document', async () => {
    const response = await app.inject({ url: '/static/essai.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body.length).toBeGreaterThan(0);
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/static/essai.js');
  });

  it('keeps the rate limit an upload route declares', async () => {
    const { payload, contentType } = multipartBody(
      { _csrf: csrf.token },
      { field: 'fichier', name: 'a.pdf', bytes: Buffer.from('%PDF') },
    );
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/essai/fichier',
        headers: { cookie: csrf.cookie, 'content-type': contentType },
        payload,
      });
    expect([(await send()).statusCode, (await send()).statusCode]).toEqual([200, 200]);
    expect((await send()).statusCode).toBe(429);
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await post({ name: 'Zoé', email: 'zoe@exemple.fr', password: 'x', level: 'A1', _csrf: 'faux' });
    expect(response.statusCode).toBe(403);
  });

  it('refuses form bodies on every route that is not a form, before any handler', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/essai',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      payload: new URLSearchParams({ _csrf: csrf.token, nom: 'Zoé' }).toString(),
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: errorCatalogue.UNSUPPORTED_MEDIA_TYPE.message },
    });
    // Control: the same route takes the same data as JSON.
    const json = await app.inject({ method: 'POST', url: '/api/v1/essai', payload: { nom: 'Zoé' } });
    expect(json.json()).toEqual({ nom: 'Zoé' });
  });

  it('answers bad API input in the catalogue’s shape, and sends only the fields a response names', async () => {
    const bad = await app.inject({ url: '/api/v1/essai/pas-un-uuid' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: { code: 'VALIDATION_FAILED', message: errorCatalogue.VALIDATION_FAILED.message },
    });
    const unknownQuery = await app.inject({ url: '/api/v1/essai/6b1c2b52-4b8e-4a4b-9d55-2f1f0f0f0f0f?tri=nom' });
    expect(unknownQuery.json().error.code).toBe('VALIDATION_FAILED');
    const leak = await app.inject({ url: '/api/v1/essai-fuite' });
    expect(leak.statusCode).toBe(500);
    expect(leak.body).not.toContain('ne doit pas sortir');
  });

  it('refuses to register a route that reads path parameters without a schema', async () => {
    const other = await buildApp(testDeps(db));
    await expect(
      buildApp(testDeps(db), (web) =>
        web.page('/essai/:id', { access: access.public() }, async (_request, reply) => reply.send('x')),
      ),
    ).rejects.toThrow(/sans schéma zod/);
    await other.close();
  });
});
