import { dsfrAsset } from './assets.js';
import { html, toHtmlString, type SafeHtml } from './html.js';

/** What a page gives the layout. */
export interface PageContent {
  /** The page's own title; the layout appends the service name. */
  title: string;
  main: SafeHtml;
  /** Set on pages shown to a signed-in account: header links, and the device-key renewal. */
  account?: { csrfToken: string };
  /** The device check shown when a session cookie must be re-proven before the page. */
  reverify?: boolean;
  /** Extra page scripts, from our origin only (CSP). */
  scripts?: readonly string[];
}

/** How the platform runs; the demo shows a notice that every person on screen is fictitious. */
export type AppMode = 'demo' | 'production';

/** The anchor of the main landmark, the target of the first skip link (RGAA 12.7). */
export const MAIN_ID = 'contenu';
const FOOTER_ID = 'pied-de-page';
const SERVICE_NAME = 'rempart';
const BASELINE = 'La plateforme publique de l’emploi qui protège vos données';

/**
 * A full DSFR page. There is no inline script or style anywhere, as the CSP requires; the only
 * script is the DSFR's own module, from our origin. The DSFR's dark-mode snippet is left out
 * because it is inline, so pages follow the light theme.
 */
export function layout(page: PageContent, mode: AppMode): SafeHtml {
  return html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no" />
        <title>${page.title} – ${SERVICE_NAME}</title>
        ${page.account ? html`<meta name="rempart-session" content="active" />` : null}
        <link rel="stylesheet" href="${dsfrAsset('dsfr.min.css')}" />
        <link rel="stylesheet" href="${dsfrAsset('utility/utility.min.css')}" />
      </head>
      <body ${page.reverify ? html`data-reverifier` : null}>
        ${skipLinks()} ${mode === 'demo' ? demoNotice() : null} ${header(page.account)}
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

/** The page as the HTML string a reply sends. */
export function renderPage(page: PageContent, mode: AppMode): string {
  return toHtmlString(layout(page, mode));
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

/*
 * The DSFR header without its "bloc marque" (the Marianne and « République française »): that
 * identity is reserved to State services (DSFR terms of use), and rempart is not one. A State
 * deployment would add `.fr-header__logo` back in `.fr-header__brand-top`; any other deployment
 * keeps the service name alone, as here.
 */
function header(account: PageContent['account']): SafeHtml {
  return html`<header role="banner" class="fr-header">
    <div class="fr-header__body">
      <div class="fr-container">
        <div class="fr-header__body-row">
          <div class="fr-header__brand fr-enlarge-link">
            <div class="fr-header__brand-top">
              <div class="fr-header__navbar">
                <button
                  class="fr-btn--menu fr-btn"
                  data-fr-opened="false"
                  aria-controls="menu-principal"
                  aria-haspopup="menu"
                  id="bouton-menu"
                  title="Menu"
                >
                  Menu
                </button>
              </div>
            </div>
            <div class="fr-header__service">
              <a href="/" title="Accueil – ${SERVICE_NAME}">
                <p class="fr-header__service-title">${SERVICE_NAME}</p>
              </a>
              <p class="fr-header__service-tagline">${BASELINE}</p>
            </div>
          </div>
          <div class="fr-header__tools">
            <div class="fr-header__tools-links">${headerLinks(account)}</div>
          </div>
        </div>
      </div>
    </div>
    <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
      <div class="fr-container">
        <button class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">Fermer</button>
        <div class="fr-header__menu-links"></div>
      </div>
    </div>
  </header>`;
}

function headerLinks(account: PageContent['account']): SafeHtml {
  if (!account) {
    return html`<ul class="fr-btns-group">
      <li><a class="fr-btn fr-icon-account-circle-line" href="/connexion">Se connecter</a></li>
      <li><a class="fr-btn fr-icon-user-add-line" href="/inscription">Créer un compte</a></li>
    </ul>`;
  }
  return html`<ul class="fr-btns-group">
    <li><a class="fr-btn fr-icon-account-circle-line" href="/compte">Mon compte</a></li>
    <li><a class="fr-btn fr-icon-computer-line" href="/compte/sessions">Mes sessions</a></li>
    <li>
      <form method="post" action="/deconnexion">
        <input type="hidden" name="_csrf" value="${account.csrfToken}" />
        <button class="fr-btn fr-icon-logout-box-r-line" type="submit">Se déconnecter</button>
      </form>
    </li>
  </ul>`;
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
        </ul>
        <div class="fr-footer__bottom-copy">
          <p>Sauf mention contraire, le code de ${SERVICE_NAME} est publié sous licence MIT.</p>
        </div>
      </div>
    </div>
  </footer>`;
}
