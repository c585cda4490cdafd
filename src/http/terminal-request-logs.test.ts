import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { buildApp } from './app.js';
import { createLogger } from './logger.js';
import { TerminalRequestLogs } from './terminal-request-logs.js';
import { captureLogs, testDeps } from './test-helpers.js';

/** /health only asks the database for `SELECT 1`; nothing else runs here. */
const answeringDb: Db = {
  engine: 'pglite',
  query: async <Row>() => ({ rows: [{ ok: 1 }] as Row[], affectedRows: 1 }),
  transaction: () => Promise.reject(new Error('pas de transaction ici')),
  exec: async () => undefined,
  close: async () => undefined,
};

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function requestLines(level: string, terminal: boolean) {
  const logs = captureLogs();
  const logger = createLogger({ level, destination: logs.stream, pretty: terminal });
  const app = await buildApp({
    ...testDeps(answeringDb),
    logger,
    ...(terminal ? { requestLogs: new TerminalRequestLogs() } : {}),
  });
  apps.push(app);
  expect((await app.inject({ method: 'GET', url: '/health?nom=Lef%C3%A8vre' })).statusCode).toBe(200);
  return logs.text();
}

describe('per-request log lines', () => {
  it('stay out of a terminal at the default level', async () => {
    expect(await requestLines('info', true)).toBe('');
  });

  it('are one short line at debug in a terminal: method, route pattern, status, time; never the URL', async () => {
    const lines = (await requestLines('debug', true)).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] DEBUG: GET \/health → 200 \(\d+ ms\)$/);
    expect(lines[0]).not.toContain('nom=');
  });

  it('write one JSON line per request for a log collector (the control: the terminal writes none)', async () => {
    const lines = (await requestLines('info', false)).split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['requête traitée']);
  });
});
