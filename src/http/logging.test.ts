import { fakerFR } from '@faker-js/faker';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { AppError } from '../kernel/errors.js';
import { buildApp } from './app.js';
import { REDACTED } from './logger.js';
import { captureLogs, testDeps, type LogCapture } from './test-helpers.js';

/** A planted person: every value is something the logs must never show. */
interface Planted {
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  phone: string;
  franceTravailId: string;
}

// Accents are forced on half of the people: they are where encodings (percent, latin1) differ.
const ACCENTED_FIRST = ['Hélène', 'Françoise', 'Jérôme', 'Anaïs', 'Gaëlle', 'Loïc', 'Cécile', 'Benoît', 'Zoé', 'Noël'];
const ACCENTED_LAST = ['Lefèvre', 'Béranger', 'Mézières', 'Duchêne', 'Lemaître', 'Périer', 'Brûlé', 'Génin'];

function plantPeople(count: number): Planted[] {
  fakerFR.seed(20260407);
  return Array.from({ length: count }, (_, index) => {
    const accented = index % 2 === 0;
    const firstName = accented ? fakerFR.helpers.arrayElement(ACCENTED_FIRST) : fakerFR.person.firstName();
    const lastName = accented ? fakerFR.helpers.arrayElement(ACCENTED_LAST) : fakerFR.person.lastName();
    return {
      firstName,
      lastName,
      fullName: `${firstName} ${lastName}`,
      email: fakerFR.internet.email({ firstName, lastName }).toLowerCase(),
      phone: fakerFR.phone.number(),
      franceTravailId: `${fakerFR.string.numeric(7)}${fakerFR.string.alpha({ length: 1, casing: 'upper' })}`,
    };
  });
}

/** UTF-8 bytes read as latin1: what a header with accents looks like once it is on the wire. */
const onTheWire = (value: string) => Buffer.from(value, 'utf8').toString('latin1');

/** Every spelling in which a planted value could reach a log line. */
function spellings(person: Planted): string[] {
  const values = [person.fullName, person.email, person.phone, person.franceTravailId];
  for (const name of [person.firstName, person.lastName]) if (name.length >= 5) values.push(name);
  return values.flatMap((value) => [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    onTheWire(value),
    JSON.stringify(value).slice(1, -1),
  ]);
}

// Routes that exist only in this test, the way domain code will be written: a strict schema,
// a handler that logs a person object by mistake, a failure that quotes the input.
const open = { access: { level: 'public' as const } };

function addProbeRoutes(app: FastifyInstance, db: Db): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const candidate = z.strictObject({
    nom: z.string(),
    prenom: z.string(),
    email: z.email(),
    telephone: z.string(),
    identifiant: z.string().regex(/^\d{7}[A-Z0-9]$/),
  });
  typed.post('/essai/candidats', { config: open, schema: { body: candidate } }, async (request) => {
    request.log.info({ candidat: request.body, dossier: { titulaire: { contact: request.body } } }, 'candidat reçu');
    return { recu: true };
  });
  typed.get('/essai/candidats/:email', { config: open }, async () => {
    throw new AppError('NOT_FOUND', 'probe');
  });
  typed.get(
    '/essai/panne',
    { config: open, schema: { querystring: z.object({ email: z.string() }) } },
    async (request) => {
      throw new Error(`échec pour ${request.query.email}`, { cause: new Error(request.query.email) });
    },
  );
  typed.get(
    '/essai/sql',
    { config: open, schema: { querystring: z.object({ valeur: z.string() }) } },
    async (request) => {
      // PostgreSQL quotes the value in its message: invalid input syntax for type integer: "…"
      await db.query('SELECT $1::int', [request.query.valeur]);
      return {};
    },
  );
}

/** Requests that carry the person everywhere a client can put data. */
function scenarios(person: Planted): { label: string; send: (app: FastifyInstance) => Promise<unknown> }[] {
  const query = new URLSearchParams({ nom: person.fullName, email: person.email, tel: person.phone }).toString();
  const body = {
    nom: person.lastName,
    prenom: person.firstName,
    email: person.email,
    telephone: person.phone,
    identifiant: person.franceTravailId,
  };
  const headers = {
    authorization: `Bearer ${person.franceTravailId}`,
    cookie: `rempart_session=${encodeURIComponent(person.email)}; nom=${encodeURIComponent(person.fullName)}`,
    'user-agent': onTheWire(person.fullName),
    referer: `https://exemple.fr/recherche?${query}`,
    'x-telephone': person.phone,
  };
  const json = { 'content-type': 'application/json' };
  return [
    { label: 'query string on a page', send: (app) => app.inject({ url: `/?${query}`, headers }) },
    { label: 'query string on the API', send: (app) => app.inject({ url: `/api/v1?${query}`, headers }) },
    { label: 'headers and cookies on /health', send: (app) => app.inject({ url: '/health', headers }) },
    {
      label: 'a valid JSON body',
      send: (app) => app.inject({ method: 'POST', url: '/essai/candidats', payload: body, headers }),
    },
    {
      label: 'a body with wrong types and unknown keys',
      send: (app) =>
        app.inject({
          method: 'POST',
          url: '/essai/candidats',
          payload: { ...body, identifiant: person.fullName, [person.email]: person.phone, telephone: 33 },
          headers,
        }),
    },
    {
      label: 'malformed JSON',
      send: (app) =>
        app.inject({
          method: 'POST',
          url: '/essai/candidats',
          payload: `{"nom":"${person.fullName}","email":"${person.email}`,
          headers: { ...headers, ...json },
        }),
    },
    {
      label: 'a body too large',
      send: (app) =>
        app.inject({
          method: 'POST',
          url: '/essai/candidats',
          payload: JSON.stringify(body).repeat(1000),
          headers: { ...headers, ...json },
        }),
    },
    {
      label: 'a form body',
      send: (app) =>
        app.inject({
          method: 'POST',
          url: '/essai/candidats',
          payload: query,
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        }),
    },
    {
      label: 'a path parameter',
      send: (app) => app.inject({ url: `/essai/candidats/${encodeURIComponent(person.email)}?${query}`, headers }),
    },
    {
      label: 'an unknown page',
      send: (app) =>
        app.inject({
          url: `/candidats/${encodeURIComponent(person.fullName)}?${query}`,
          headers: { ...headers, accept: 'text/html' },
        }),
    },
    {
      label: 'an undecodable URL',
      send: (app) =>
        app.inject({ url: `/essai/candidats/%E0%A4%A${encodeURIComponent(person.email)}?${query}`, headers }),
    },
    { label: 'a failure that quotes the input', send: (app) => app.inject({ url: `/essai/panne?${query}`, headers }) },
    {
      label: 'a database error that quotes the input',
      send: (app) => app.inject({ url: `/essai/sql?${new URLSearchParams({ valeur: person.email })}`, headers }),
    },
  ];
}

describe('logs never hold a personal value', () => {
  const people = plantPeople(20);
  let db: Db;
  let app: FastifyInstance;
  let logs: LogCapture;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    logs = captureLogs();
    app = await buildApp(testDeps(db, { logs }));
    addProbeRoutes(app, db);
    await app.ready();
    for (const person of people) {
      for (const scenario of scenarios(person)) await scenario.send(app);
    }
    // The request's line is written when the response finishes, just after inject resolves.
    await new Promise((resolve) => setImmediate(resolve));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('has really logged every request, its route pattern and its failures', () => {
    const entries = logs.entries();
    const incoming = entries.filter((entry) => entry.msg === 'requête traitée');
    // One line per request, but for a URL Fastify cannot decode, refused before any route.
    const all = new Set(entries.map((entry) => entry.reqId).filter(Boolean));
    expect(all.size).toBe(people.length * scenarios(people[0]!).length);
    const completed = new Set(incoming.map((entry) => entry.reqId));
    const refusedEarly = [...all].filter((id) => !completed.has(id));
    expect(refusedEarly.length).toBeLessThanOrEqual(people.length);
    for (const id of refusedEarly) {
      const line = entries.find((entry) => entry.reqId === id && entry.msg === 'requête refusée');
      expect((line?.err as { type?: string } | undefined)?.type).toBe('FastifyError');
    }
    expect(entries.every((entry) => typeof entry.reqId === 'string' || entry.reqId === undefined)).toBe(true);
    const routes = new Set(incoming.map((entry) => (entry.req as { route: unknown }).route));
    expect(routes).toEqual(
      new Set([
        '/',
        '/api/v1',
        '/health',
        '/essai/candidats',
        '/essai/candidats/:email',
        '/essai/panne',
        '/essai/sql',
        null,
      ]),
    );
    const failures = entries.filter((entry) => entry.level === 50);
    expect(failures.length).toBeGreaterThanOrEqual(people.length * 2);
    for (const failure of failures) expect((failure.err as { frames: unknown[] }).frames.length).toBeGreaterThan(0);
  });

  it('masks a person object a handler logs by mistake', () => {
    const received = logs.entries().filter((entry) => entry.msg === 'candidat reçu');
    expect(received).toHaveLength(people.length);
    expect(received[0]!.candidat).toMatchObject({ nom: REDACTED, email: REDACTED, identifiant: REDACTED });
    expect(logs.text()).toContain(REDACTED);
  });

  it.each(people.map((person, index) => [index + 1, person] as const))(
    'shows nothing of planted person %i',
    (_index, person) => {
      const text = logs.text();
      const leaked = spellings(person).filter((value) => text.includes(value));
      expect(leaked).toEqual([]);
    },
  );

  it('never logs a raw URL, a header or a body', () => {
    const text = logs.text();
    for (const key of ['"url"', '"headers"', '"body"', '"query"', '"cookie"', '"remoteAddress"', '"message"']) {
      expect(text).not.toContain(key);
    }
  });
});
