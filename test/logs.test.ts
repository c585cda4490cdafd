import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/http/logger.js';
import { TerminalRequestLogs } from '../src/http/terminal-request-logs.js';
import { captureLogs, testDeps } from '../src/http/test-helpers.js';
import type { NewPerson } from '../src/vault/index.js';
import { peopleGenerator, seedDatabase } from '../src/seed/index.js';
import { openTestDb } from './support/databases.js';
import { makeVault } from './support/fixtures.js';
import { LeakScanner } from './support/leak-scanner.js';

/**
 * The seeded people's own values, sent everywhere a request can carry them, must never reach
 * the logs; and the scanner must be able to see them when they do (control line).
 */
describe('logs carry no seeded personal value', () => {
  let db: Db;
  let people: NewPerson[];
  let values: string[];

  beforeAll(async () => {
    db = await openTestDb('pglite');
    const { vault } = await makeVault(db);
    const { plan } = await seedDatabase({ db, vault, people: 40, seed: 404, today: '2026-11-20' });
    const generate = peopleGenerator(plan.context);
    people = Array.from({ length: 40 }, (_, i) => generate(i).person);
    values = people.flatMap((p) =>
      [p.lastName, p.email, p.phone, p.franceTravailId].filter((v): v is string => !!v && v.length >= 5),
    );
  });
  afterAll(() => db.close());

  // JSON for a collector, readable lines at a terminal (`rempart serve` picks by its output):
  // the redaction must hold in both, at the most verbose level.
  it.each(['json', 'terminal'] as const)('after requests that carry them in every place (%s)', async (format) => {
    const logs = captureLogs();
    const terminal = format === 'terminal';
    const app = await buildApp({
      ...testDeps(db),
      logger: createLogger({ level: 'trace', destination: logs.stream, pretty: terminal }),
      ...(terminal ? { requestLogs: new TerminalRequestLogs() } : {}),
    });
    await app.ready();
    for (const person of people) {
      const requests: { method: HTTPMethods; url: string; headers?: Record<string, string>; payload?: string }[] = [
        {
          method: 'GET',
          url: `/?nom=${encodeURIComponent(person.lastName)}&courriel=${encodeURIComponent(person.email ?? '')}`,
        },
        { method: 'GET', url: `/personnes/${encodeURIComponent(person.lastName)}`, headers: { accept: 'text/html' } },
        {
          method: 'GET',
          url: '/health',
          headers: { 'x-telephone': person.phone ?? '', cookie: `id=${person.franceTravailId}` },
        },
        {
          method: 'POST',
          url: '/api/v1',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ nom: person.lastName, telephone: person.phone }),
        },
        {
          method: 'POST',
          url: '/api/v1',
          headers: { 'content-type': 'application/json' },
          payload: `{"nom": "${person.lastName}"`,
        },
      ];
      for (const request of requests) {
        const response = await app.inject(request);
        expect(response.statusCode).toBeLessThan(500);
      }
    }
    const text = logs.text();
    expect(text.length).toBeGreaterThan(0);
    const scanner = new LeakScanner(values.map((value) => ({ value, label: value })));
    expect([...scanner.scan(Buffer.from(text))]).toEqual([]);
    expect([...scanner.scan(Buffer.from(`contrôle ${values[0]}`))]).toEqual([values[0]]);
    await app.close();
  });
});
