import { html, type SafeHtml } from './html.js';

/** An entry of the header's menu: a place the signed-in account may reach. */
export interface MenuLink {
  href: string;
  label: string;
}

/** The signed-in account, as the header shows it on every page. */
export interface Viewer {
  /** What kind of account is signed in, in a few words (« candidat », « RGC »). */
  accountLabel: string;
  /** The places its role may reach, from the routes' own access declarations. */
  menu: readonly MenuLink[];
  /** For the logout form. */
  csrfToken: string;
}

const SERVICE_NAME = 'rempart';
const BASELINE = 'La plateforme publique de l’emploi qui protège vos données';
const MENU_ID = 'menu-principal';
const MENU_BUTTON_ID = 'bouton-menu';

/*
 * The DSFR header without its "bloc marque" (the Marianne and « République française »): that
 * identity is reserved to State services (DSFR terms of use), and rempart is not one. The
 * service name therefore sits in `.fr-header__brand-top` beside the menu button, so that on a
 * phone the button shares the service's row instead of standing alone on an empty one where
 * the logo would be.
 */
export function header(viewer: Viewer | null, path: string | undefined): SafeHtml {
  return html`<header role="banner" class="fr-header">
    <div class="fr-header__body">
      <div class="fr-container">
        <div class="fr-header__body-row">
          <div class="fr-header__brand fr-enlarge-link">
            <div class="fr-header__brand-top">
              <div class="fr-header__service">
                <a href="/" title="Accueil – ${SERVICE_NAME}">
                  <p class="fr-header__service-title">${SERVICE_NAME}</p>
                </a>
                <p class="fr-header__service-tagline">${BASELINE}</p>
              </div>
              <div class="fr-header__navbar">
                <button
                  class="fr-btn--menu fr-btn"
                  data-fr-opened="false"
                  aria-controls="${MENU_ID}"
                  aria-haspopup="menu"
                  id="${MENU_BUTTON_ID}"
                  title="Menu"
                >
                  Menu
                </button>
              </div>
            </div>
          </div>
          <div class="fr-header__tools">
            <div class="fr-header__tools-links">${toolLinks(viewer)}</div>
          </div>
        </div>
      </div>
    </div>
    <div class="fr-header__menu fr-modal" id="${MENU_ID}" aria-labelledby="${MENU_BUTTON_ID}">
      <div class="fr-container">
        <button class="fr-btn--close fr-btn" aria-controls="${MENU_ID}" title="Fermer">Fermer</button>
        <div class="fr-header__menu-links"></div>
        ${viewer && viewer.menu.length > 0 ? navigation(viewer.menu, path) : null}
      </div>
    </div>
  </header>`;
}

/** Who is signed in (or how to sign in), and the way out; the DSFR copies them into the phone menu. */
function toolLinks(viewer: Viewer | null): SafeHtml {
  if (!viewer) {
    return html`<ul class="fr-btns-group">
      <li><a class="fr-btn fr-icon-account-circle-line" href="/connexion">Se connecter</a></li>
      <li><a class="fr-btn fr-icon-user-add-line" href="/inscription">Créer un compte</a></li>
    </ul>`;
  }
  return html`<ul class="fr-btns-group">
    <li>
      <a class="fr-btn fr-icon-account-circle-line" href="/compte"
        >Compte ${viewer.accountLabel}<span class="fr-sr-only"> (session ouverte)</span></a
      >
    </li>
    <li>
      <form method="post" action="/deconnexion">
        <input type="hidden" name="_csrf" value="${viewer.csrfToken}" />
        <button class="fr-btn fr-icon-logout-box-r-line" type="submit">Se déconnecter</button>
      </form>
    </li>
  </ul>`;
}

function navigation(menu: readonly MenuLink[], path: string | undefined): SafeHtml {
  return html`<nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
    <ul class="fr-nav__list">
      ${menu.map(
        (link) =>
          html`<li class="fr-nav__item">
            <a class="fr-nav__link" href="${link.href}" ${link.href === path ? html`aria-current="page"` : null}
              >${link.label}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}
