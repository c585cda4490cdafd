import { createWriteStream } from 'node:fs';
import Fastify from 'fastify';
import { appDepsOf } from '../src/app-deps.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/http/logger.js';
import type { Platform } from '../src/platform.js';
import { median, throughput } from './stats.js';

/**
 * The fixed cost of one of our requests, whatever it reads: the home page, /health and a 404
 * against a bare Fastify hello-world, in the same process and run, rounds interleaved. Our app
 * runs with the default log level, its lines written to /dev/null (a terminal would add its own
 * cost to both sides unevenly).
 */
export async function benchFixedCost(platform: Platform, options: { requests?: number; rounds?: number } = {}) {
  const requests = options.requests ?? 3000;
  const rounds = options.rounds ?? 3;
  const bare = Fastify();
  bare.get('/', async () => 'bonjour');
  const logger = createLogger({ level: platform.config.logLevel, destination: createWriteStream('/dev/null') });
  const ours = await buildApp(appDepsOf(platform, { logger }));
  const bases = await Promise.all(
    [bare, ours].map(async (app) => {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }),
  );
  const targets = {
    bare: `${bases[0]}/`,
    home: `${bases[1]}/`,
    health: `${bases[1]}/health`,
    notFound: `${bases[1]}/page-inexistante`,
  };
  const get = (url: string) => async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
  };
  try {
    const runs: Record<keyof typeof targets, number[]> = { bare: [], home: [], health: [], notFound: [] };
    for (const url of Object.values(targets)) await throughput(300, 8, get(url));
    for (let round = 0; round < rounds; round++) {
      for (const [name, url] of Object.entries(targets) as [keyof typeof targets, string][]) {
        runs[name].push(await throughput(requests, 8, get(url)));
      }
    }
    return Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values)])) as Record<
      keyof typeof targets,
      number
    >;
  } finally {
    await Promise.all([bare.close(), ours.close()]);
  }
}

/** `http-fixed-cost-ratio home: X` in exactly that form, then the detail. */
export function printFixedCost(result: Awaited<ReturnType<typeof benchFixedCost>>): void {
  console.log(`http-fixed-cost-ratio home: ${(result.home / result.bare).toFixed(3)}`);
  console.log('    coût fixe d’une requête — 8 requêtes simultanées, médianes de 3 tours alternés');
  console.log(
    `    Fastify nu ${result.bare.toFixed(0)} requêtes/s ; accueil ${result.home.toFixed(0)} ; /health ${result.health.toFixed(0)} ; 404 ${result.notFound.toFixed(0)}`,
  );
  console.log(
    `    ratios : accueil ${(result.home / result.bare).toFixed(3)}, /health ${(result.health / result.bare).toFixed(3)}, 404 ${(result.notFound / result.bare).toFixed(3)}`,
  );
}
