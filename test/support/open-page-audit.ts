import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import type { Db } from '../../src/db/client.js';
import { createDeviceClient } from '../../src/identity/client/proof-client.js';
import type { Role } from '../../src/kernel/roles.js';
import { launchChromium, listenForBrowser } from './browser.js';
import { deviceSession } from './device-session.js';
import { PageAudit } from './page-audit.js';

/** The session cookie of each role an audit may sign in as. */
export type AuditSessions = Partial<Record<Role, string>>;

/** What {@link openPageAudit} opens: the audit, its page, the app's address, and how to close them. */
export interface OpenAudit {
  audit: PageAudit;
  page: Page;
  base: string;
  /** Closes the context and Chromium; the app stays the test's to close. */
  close(): Promise<void>;
}

/**
 * Starts `app` for a browser and opens Chromium with one context and page for a {@link PageAudit},
 * holding the session cookies `sessions` makes for this browser's User-Agent (a session is bound
 * to it). The context bypasses the CSP: ours forbids injected scripts, axe's included, and this
 * lets only the test in.
 */
export async function openPageAudit(
  app: FastifyInstance,
  sessions: (userAgent: string) => Promise<AuditSessions>,
): Promise<OpenAudit> {
  const base = await listenForBrowser(app);
  const browser = await launchChromium();
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const audit = new PageAudit(page, context, base, await sessions(await page.evaluate(() => navigator.userAgent)));
  const close = async () => {
    await context.close();
    await browser.close();
  };
  return { audit, page, base, close };
}

/**
 * For {@link openPageAudit}: a session for each role's account (role → account id), all bound to
 * one device key, from loopback, opened now with the second factor just checked.
 */
export function sessionsFor(
  db: Db,
  accounts: Partial<Record<Role, string>>,
): (userAgent: string) => Promise<AuditSessions> {
  return async (userAgent) => {
    const device = await createDeviceClient();
    const cookies: AuditSessions = {};
    for (const [role, accountId] of Object.entries(accounts) as [Role, string][]) {
      cookies[role] = await deviceSession(db, {
        accountId,
        role,
        device,
        addr: '127.0.0.1',
        userAgent,
        now: new Date(),
      });
    }
    return cookies;
  };
}
