import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

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

/** A free port, so the app's public URL (the passkeys' relying party) is known before it listens. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * A fresh context on the given clock, with Chromium's virtual authenticator (through CDP): a
 * platform authenticator that keeps resident keys and verifies the user, as a laptop's does.
 */
export async function withAuthenticator(
  browser: Browser,
  clock: { now(): Date },
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession; id: string }> {
  const context = await browser.newContext();
  // The browser signs proofs with its own clock: keep it on the server's injected clock.
  await context.clock.setFixedTime(clock.now());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { context, page, cdp, id: authenticatorId };
}
