import type { FastifyInstance } from 'fastify';
import { accessibilityPage } from './accessibility.page.js';
import { homePage } from './home.page.js';
import { renderPage, type AppMode, type PageContent } from './layout.js';

function registerPage(app: FastifyInstance, url: string, page: () => PageContent, mode: AppMode): void {
  app.get(url, { schema: { hide: true }, config: { access: { level: 'public' } } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderPage(page(), mode)),
  );
}

/** The public pages that need no account: the home page and the accessibility statement. */
export function registerPublicPages(app: FastifyInstance, mode: AppMode): void {
  registerPage(app, '/', homePage, mode);
  registerPage(app, '/accessibilite', accessibilityPage, mode);
}
