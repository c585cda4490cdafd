import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleShortLabels, type Role } from '../../kernel/roles.js';
import { renderPage, type AppMode, type MenuLink, type PageContent } from '../../ui/index.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Sends a DSFR page: the layout, the header with who is signed in, French typography. */
    page(content: PageContent, status?: number): Promise<FastifyReply>;
    /** This reply's CSRF token, the same for every form of the page. */
    csrfToken(): string;
  }
}

/** A page of the header's menu, offered to the roles its access allows (all, when none listed). */
export interface MenuEntry {
  link: MenuLink;
  roles: readonly Role[] | undefined;
}

/**
 * `reply.page(content, status)`: the page in the DSFR layout, with the header of whoever is
 * signed in (the kind of account, and the menu entries its role may reach), French typography
 * applied. `reply.csrfToken()`: one token for all the forms of the reply.
 */
export function decorateReplies(
  app: FastifyInstance,
  deps: { mode: AppMode; viewerRole: (request: FastifyRequest) => Promise<Role | null> },
  menu: readonly MenuEntry[],
): void {
  const tokens = new WeakMap<FastifyReply, string>();
  app.decorateReply('csrfToken', function csrfToken(this: FastifyReply) {
    // One token per reply: a second generateCsrf() before the cookie exists would make a new secret.
    let token = tokens.get(this);
    if (!token) tokens.set(this, (token = this.generateCsrf()));
    return token;
  });
  app.decorateReply('page', async function page(this: FastifyReply, content: PageContent, status = 200) {
    const role = content.reverify ? null : await deps.viewerRole(this.request);
    const viewer = role
      ? {
          accountLabel: roleShortLabels[role],
          menu: menu.filter((entry) => !entry.roles || entry.roles.includes(role)).map((entry) => entry.link),
          csrfToken: this.csrfToken(),
        }
      : null;
    const path = this.request.url.split('?', 1)[0];
    return this.code(status)
      .type('text/html; charset=utf-8')
      .send(renderPage(content, { mode: deps.mode, viewer, path }));
  });
}
