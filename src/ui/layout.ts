import { dsfrAsset } from '../http/assets.js';
import { header, type Viewer } from './header.js';
import { html, toHtmlString, type SafeHtml } from './html.js';
import { frenchSpacingInHtml } from './typography.js';

/** What a page gives the layout. */
export interface PageContent {
  /** The page's own title; the layout appends the service name. */
  title: string;
  main: SafeHtml;
  /** The device check shown when a session cookie must be re-proven before the page. */
  reverify?: boolean;
  /** Extra page scripts, from our origin only (CSP). */
  scripts?: readonly string[];
}

/** How the platform runs; the demo shows a notice that every person on screen is fictitious. */
export type AppMode = 'demo' | 'production';

/** What the layout needs besides the page: the mode, who is signed in, and where we are. */
export interface PageFrame {
  mode: AppMode;
  /** The signed-in account as the header shows it; null for a visitor. */
  viewer: Viewer | null;
  /** The path of the page, to mark the current entry of the menu. */
  path?: string;
}

/** The anchor of the main landmark, the target of the first skip link (RGAA 12.7). */
export const MAIN_ID = 'contenu';
const FOOTER_ID = 'pied-de-page';
export const SERVICE_NAME = 'rempart';

/** Our own icon: the DSFR's favicon is the Marianne, which is reserved to State services. */
export const FAVICON_PATH = '/favicon.svg';

/**
 * A full DSFR page. There is no inline script or style anywhere, as the CSP requires; the only
 * scripts are the DSFR's own module and ours, from our origin. The DSFR's dark-mode snippet is
 * left out because it is inline, so pages follow the light theme.
 */
export function layout(page: PageContent, frame: PageFrame): SafeHtml {
  const viewer = page.reverify ? null : frame.viewer;
  return html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no" />
        <title>${page.title} – ${SERVICE_NAME}</title>
        ${viewer ? html`<meta name="rempart-session" content="active" />` : null}
        <link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml" />
        <link rel="stylesheet" href="${dsfrAsset('dsfr.min.css')}" />
        <link rel="stylesheet" href="${dsfrAsset('utility/utility.min.css')}" />
      </head>
      <body ${page.reverify ? html`data-reverifier` : null}>
        ${skipLinks()} ${frame.mode === 'demo' ? demoNotice() : null} ${header(viewer, frame.path)}
        <main id="${MAIN_ID}" role="main" tabindex="-1">
          <div class="fr-container fr-my-7w">${page.main}</div>
        </main>
        ${footer()}
        <script type="module" src="${dsfrAsset('dsfr.module.min.js')}"></script>
        <script type="module" src="/static/appareil.js"></script>
        ${(page.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </body>
    </html> `;
}

/** The page as the HTML string a reply sends, with French typography applied to its text. */
export function renderPage(page: PageContent, frame: PageFrame): string {
  return frenchSpacingInHtml(toHtmlString(layout(page, frame)));
}

function skipLinks(): SafeHtml {
  return html`<div class="fr-skiplinks">
    <nav class="fr-container" role="navigation" aria-label="Accès rapide">
      <ul class="fr-skiplinks__list">
        <li><a class="fr-link" href="#${MAIN_ID}">Contenu</a></li>
        <li><a class="fr-link" href="#${FOOTER_ID}">Pied de page</a></li>
      </ul>
    </nav>
  </div>`;
}

function demoNotice(): SafeHtml {
  return html`<div class="fr-notice fr-notice--info">
    <div class="fr-container">
      <div class="fr-notice__body">
        <p>
          <span class="fr-notice__title">Version de démonstration</span>
          <span class="fr-notice__desc">Toutes les personnes et toutes les données présentées sont fictives.</span>
        </p>
      </div>
    </div>
  </div>`;
}

function footer(): SafeHtml {
  return html`<footer class="fr-footer" role="contentinfo" id="${FOOTER_ID}">
    <div class="fr-container">
      <div class="fr-footer__body">
        <div class="fr-footer__content">
          <p class="fr-footer__content-desc">
            ${SERVICE_NAME} réunit les offres d’emploi public et le suivi des stagiaires de la formation
            professionnelle, en protégeant les données personnelles de chacun.
          </p>
        </div>
      </div>
      <div class="fr-footer__bottom">
        <ul class="fr-footer__bottom-list">
          <li class="fr-footer__bottom-item">
            <a class="fr-footer__bottom-link" href="/accessibilite">Accessibilité : non conforme</a>
          </li>
          <li class="fr-footer__bottom-item">
            <a class="fr-footer__bottom-link" href="/donnees-personnelles">Données personnelles</a>
          </li>
        </ul>
        <div class="fr-footer__bottom-copy">
          <p>Sauf mention contraire, le code de ${SERVICE_NAME} est publié sous licence MIT.</p>
        </div>
      </div>
    </div>
  </footer>`;
}
