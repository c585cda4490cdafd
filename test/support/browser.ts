import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it. Never a browser downloaded by a test tool. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (tests may run as root), and no background traffic, since the network is closed. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function executablePath(): string {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium introuvable (${chromiumPath}) : installez le paquet Debian 'chromium'.`);
  }
  return chromiumPath;
}

/** Headless Chromium with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath(), headless: true, args: chromiumArgs });
}

/**
 * Chromium with a profile on disk in `userDataDir`, as a person's browser keeps it: cookies,
 * IndexedDB and the device key in it. For the tests that copy a profile, as an infostealer does.
 */
export async function launchChromiumProfile(
  userDataDir: string,
  options: { userAgent?: string; extraHTTPHeaders?: Record<string, string> } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: executablePath(),
    headless: true,
    args: chromiumArgs,
    ...options,
  });
}

/** Starts the app on a free loopback port and returns the address a browser opens. */
export async function listenForBrowser(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
