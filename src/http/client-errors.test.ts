import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/support/databases.js';
import type { Db } from '../db/client.js';
import { errorCatalogue, type ErrorCode } from '../kernel/errors.js';
import { buildApp } from './app.js';
import { testDeps } from './test-helpers.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends bytes on a fresh TCP connection and reads whatever comes back until the server closes. */
function exchange(port: number, request: string): Promise<RawAnswer | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('le serveur n’a pas fermé la connexion'));
    }, 5_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const bytes = Buffer.concat(chunks);
      const split = bytes.indexOf('\r\n\r\n');
      if (split < 0) return resolve(null);
      const [statusLine = '', ...lines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: bytes.subarray(split + 4) });
    });
    socket.write(request);
  });
}

function expectCatalogue(answer: RawAnswer | null, code: ErrorCode): void {
  expect(answer, 'no answer at all').not.toBeNull();
  expect(answer!.status).toBe(errorCatalogue[code].status);
  expect(answer!.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer!.headers['x-content-type-options']).toBe('nosniff');
  expect(answer!.headers['cache-control']).toBe('no-store');
  // Content-Length counts the bytes of the French message, accents included.
  expect(Number(answer!.headers['content-length'])).toBe(answer!.body.length);
  expect(JSON.parse(answer!.body.toString('utf8'))).toEqual({
    error: { code, message: errorCatalogue[code].message },
  });
}

/**
 * Requests that Node's parser refuses, or hands to a `connect` listener, over a real socket:
 * `inject` goes around the parser, so only a listening server shows what a client gets.
 */
describe('requests Node refuses before any route', () => {
  let db: Db;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await buildApp(testDeps(db));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers oversized headers with HEADERS_TOO_LARGE', async () => {
    const answer = await exchange(port, `GET / HTTP/1.1\r\nHost: localhost\r\nX-Grand: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectCatalogue(answer, 'HEADERS_TOO_LARGE');
  });

  it('answers a method Node does not know with NOT_IMPLEMENTED', async () => {
    expectCatalogue(await exchange(port, 'FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n'), 'NOT_IMPLEMENTED');
  });

  it('answers CONNECT with NOT_IMPLEMENTED instead of closing in silence', async () => {
    const answer = await exchange(port, 'CONNECT exemple.fr:443 HTTP/1.1\r\nHost: exemple.fr:443\r\n\r\n');
    expectCatalogue(answer, 'NOT_IMPLEMENTED');
  });

  it('answers a malformed header line with BAD_REQUEST', async () => {
    expectCatalogue(
      await exchange(port, 'GET / HTTP/1.1\r\nHost: localhost\r\nEn tete sans deux-points\r\n\r\n'),
      'BAD_REQUEST',
    );
  });

  it('still serves a well-formed request on the same server (control)', async () => {
    const answer = await exchange(port, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer?.status).toBe(200);
  });
});
