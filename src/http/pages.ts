import type { FastifyReply } from 'fastify';
import { access, type Web } from './kit/index.js';
import { accessibilityPage } from './accessibility.page.js';
import { homePage } from './home.page.js';
import { privacyPage } from './privacy.page.js';
import type { PageContent } from '../ui/index.js';

/** The public pages that need no account: home, accessibility statement, personal data notice. */
export function registerPublicPages(web: Web): void {
  const show = (page: () => PageContent) => async (_request: unknown, reply: FastifyReply) => reply.page(page());
  web.page('/', { access: access.public() }, show(homePage));
  web.page('/accessibilite', { access: access.public() }, show(accessibilityPage));
  web.page('/donnees-personnelles', { access: access.public() }, show(privacyPage));
}
