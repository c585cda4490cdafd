import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../src/kernel/roles.js';
import { typographyFaults } from '../../src/ui/index.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

/** Words for the second factor other than the one the interface uses (docs/glossary.md). */
const OTHER_TERMS = /second facteur|double authentification|deux facteurs|\b2FA\b|\bMFA\b/i;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules, the ground RGAA 4.1 builds on) on the open page. */
export async function violations(page: Page): Promise<string[]> {
  // Once per document: the phone's check reuses what the desktop's loaded.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    // resultTypes: the passes and the inapplicable rules are not collected node by node, which
    // is most of axe's time on a long page; every violation is still reported whole.
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * What a person on a phone could not do or read: an action of the page (a button, a link drawn
 * as a button) that lies outside the screen's width, a page wider than the screen, and in the
 * header a menu button alone on its row.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      problems.push(`page plus large que l’écran (${document.documentElement.scrollWidth} > ${width})`);
    }
    const actions = document.querySelectorAll<HTMLElement>('main button, main a.fr-btn, main input[type="submit"]');
    for (const action of Array.from(actions)) {
      const box = action.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown at this size (closed, or the other layout)
      if (box.left < 0 || box.right > width + 1) {
        problems.push(
          `action hors de l’écran : « ${action.textContent?.trim()} » (${Math.round(box.left)}–${Math.round(box.right)})`,
        );
      }
    }
    const menu = document.querySelector<HTMLElement>('.fr-header__navbar .fr-btn--menu');
    const service = document.querySelector<HTMLElement>('.fr-header__service-title');
    const menuBox = menu?.getBoundingClientRect();
    const serviceBox = service?.getBoundingClientRect();
    if (menuBox && serviceBox && menuBox.width > 0) {
      const middle = menuBox.top + menuBox.height / 2;
      if (middle < serviceBox.top - menuBox.height || middle > serviceBox.bottom + menuBox.height) {
        problems.push('le bouton du menu est seul sur sa ligne');
      }
    }
    return problems;
  });
}

/** The text a person reads on the page, title included, and where its typography is wrong. */
export async function wording(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  return [
    ...typographyFaults(text).map((fault) => `typographie : « ${fault} »`),
    ...(OTHER_TERMS.test(text)
      ? [`autre terme que « vérification en deux étapes » : ${OTHER_TERMS.exec(text)![0]}`]
      : []),
  ];
}

/** Who a page is visited as: a role whose session cookie the audit holds, or nobody. */
export type Visitor = Role | 'visiteur';

/**
 * Pages checked in one Chromium context, as `test/accessibility.test.ts` and each portal's own
 * accessibility test do it: at a desktop size and a phone's, axe-core, French typography, the
 * one term for the second factor, actions within the phone's screen, and no missing file.
 * `report` maps each check to what it found (empty when clean); `pages` lists what was checked.
 */
export class PageAudit {
  readonly pages: { route: string; path: string; who: Visitor }[] = [];
  readonly report: Record<string, string[]> = {};

  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly base: string,
    /** The session cookie of each role the audit may sign in as. */
    readonly sessions: Partial<Record<Role, string>> = {},
  ) {}

  /** Signs the browser in as one of the accounts (a session made for it), or out. */
  async as(who: Visitor): Promise<void> {
    const kept = (await this.context.cookies()).filter((cookie) => cookie.name !== '__Host-rempart');
    await this.context.clearCookies();
    await this.context.addCookies(kept);
    const csrf = kept.find((cookie) => cookie.name === '__Host-rempart-csrf');
    if (who === 'visiteur') return;
    const value = this.sessions[who];
    if (!value) throw new Error(`pas de session pour ${who}`);
    // The CSRF cookie's attributes fit the session cookie too (both __Host-); without one yet, open a page first.
    if (!csrf) throw new Error('ouvrez une page avant de vous connecter');
    await this.context.addCookies([{ ...csrf, name: '__Host-rempart', value }]);
  }

  /** Checks the page open now at both sizes; `route` is the route it stands for. */
  async check(route: string, who: Visitor): Promise<string[]> {
    const page = this.page;
    const path = new URL(page.url()).pathname + new URL(page.url()).search;
    this.pages.push({ route, path, who });
    const missing: string[] = [];
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.evaluate(() => document.fonts.ready);
      const found = [...(await violations(page)), ...(await wording(page))];
      if (name === 'phone') found.push(...(await layoutProblems(page)));
      this.report[`${name} ${route} (${who})`] = found;
      missing.push(...found);
    }
    return missing;
  }

  /** Opens a page by its address and checks it, noting any file it asks for that fails. */
  async visit(route: string, path: string, who: Visitor): Promise<void> {
    await this.as(who);
    const failed: string[] = [];
    const listener = (response: { status(): number; url(): string; request(): { resourceType(): string } }) => {
      if (response.status() >= 400 && response.request().resourceType() !== 'document') {
        failed.push(`${response.status()} ${response.url()}`);
      }
    };
    // Until the checks end, not just the load: a file asked for late (a font, an icon drawn
    // only on a phone) is caught too, without waiting for the network to go quiet.
    this.page.on('response', listener);
    await this.page.goto(`${this.base}${path}`, { waitUntil: 'load' });
    await this.check(route, who);
    this.page.off('response', listener);
    this.report[`fichiers ${route} (${who})`] = failed;
  }

  /** The report with nothing found anywhere: what `expect(audit.report).toEqual(…)` compares to. */
  clean(): Record<string, string[]> {
    return Object.fromEntries(Object.keys(this.report).map((key) => [key, []]));
  }
}

/**
 * The first path segment of each portal whose pages its own accessibility test covers
 * (`test/<portal>-accessibility.test.ts`, with {@link uncoveredPages}); test/accessibility.test.ts
 * covers every other page.
 */
export const portalPrefixes: readonly string[] = [
  '/offres',
  '/recrutement/offres',
  '/candidat',
  '/mes-donnees',
  '/mes-acces',
  '/candidat/candidatures',
  '/recrutement',
  '/organisme',
  '/conseiller',
  '/demandeur',
  '/securite',
];

/**
 * The page routes the app serves (GET, with a query-string schema, outside the API) whose URL
 * starts with one of `prefixes`, and that the audit has not checked. Each portal's accessibility
 * test asserts this is empty for its own prefixes; test/accessibility.test.ts for the rest.
 */
export function uncoveredPages(
  app: FastifyInstance,
  covered: readonly { route: string }[],
  belongs: (url: string) => boolean,
): string[] {
  const seen = new Set(covered.map((entry) => entry.route));
  return (
    app
      .routeList()
      .filter((route) => route.method === 'GET' && route.schemas.includes('querystring'))
      .filter((route) => !route.url.startsWith('/api/') && route.url !== '/session/nonce')
      // Only a redirect to the role's home, which is covered itself.
      .filter((route) => route.url !== '/espace')
      .map((route) => route.url)
      .filter((url) => belongs(url) && !seen.has(url))
  );
}
