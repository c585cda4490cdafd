import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { appDepsOf } from '../../src/app-deps.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/open.js';
import { buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import { fixedClock, type FixedClock } from '../../src/kernel/clock.js';
import { wirePlatform, type Platform } from '../../src/platform.js';
import { pgliteTemplate, templateBlob } from '../../test/support/pglite-template.js';

/** Where the simulated clients say they are: the harness plays the site's reverse proxy. */
export const PROXY = '127.0.0.1';

/** The platform's public address: the passkeys' relying party and origin. */
export const PUBLIC_URL = 'http://127.0.0.1:3000';

/** The real server, listening on a socket, on an in-memory PGlite, with a clock only the run moves. */
export interface SimServer {
  platform: Platform;
  clock: FixedClock;
  /** `http://127.0.0.1:PORT`, for fetch. */
  base: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Starts rempart as `rempart serve` does (same composition root, same app), but on PGlite in
 * memory and with a fixed clock that the scenarios move: the server never reads the wall clock
 * for what the guard, the sessions and the proofs decide. The harness sits behind a trusted
 * proxy (TRUST_PROXY=127.0.0.1) so that each simulated client has its own address, sent in
 * X-Forwarded-For as a reverse proxy would; the socket itself is real HTTP over loopback.
 */
export async function startServer(start: Date): Promise<SimServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-attack-'));
  const config = loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: PROXY, PUBLIC_URL });
  const clock = fixedClock(start);
  const opened = await openDatabase({ pgliteTemplate: await templateBlob(await pgliteTemplate()) });
  const platform = await wirePlatform(opened, config, { clock, masterKey: randomBytes(32) });
  const logger = createLogger({ level: process.env.ATTACK_LOG ?? 'silent' });
  const app = await buildApp(appDepsOf(platform, { logger, trustProxy: PROXY, publicUrl: PUBLIC_URL }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    platform,
    clock,
    base: `http://127.0.0.1:${port}`,
    app,
    close: async () => {
      await app.close();
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
