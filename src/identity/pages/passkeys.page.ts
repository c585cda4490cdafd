import { html, type SafeHtml } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import type { PasskeySummary } from '../passkeys/passkeys.js';
import { PASSKEY_NAME_MAX } from '../passkeys/passkeys.js';
import type { StepUpMethods } from '../login/step-up.js';
import { alertError, alertInfo, csrfField, field } from './forms.js';

/** The scripts a page with a passkey ceremony needs, after appareil.js. */
export const passkeyScripts = ['/static/webauthn.js', '/static/cles.js'] as const;

const when = (date: Date) =>
  date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/**
 * A form that runs one WebAuthn ceremony (static/cles.js). Its error zone is announced to
 * screen readers; without JavaScript the button explains itself through the noscript text.
 */
export function passkeyForm(input: {
  ceremony: 'connexion' | 'verification' | 'enregistrement';
  csrfToken: string;
  optionsUrl: string;
  action: string;
  button: string;
  secondary?: boolean;
  hidden?: Record<string, string>;
  nameField?: boolean;
}): SafeHtml {
  return html`<form
    method="post"
    action="${input.action}"
    data-cle="${input.ceremony}"
    data-cle-options="${input.optionsUrl}"
  >
    ${csrfField(input.csrfToken)}
    ${Object.entries(input.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <div class="fr-alert fr-alert--error fr-mb-2w" role="alert" data-cle-erreur hidden><p></p></div>
    ${
      input.nameField
        ? field({
            name: 'name',
            label: 'Nom de la clé d’accès',
            hint: `Pour la reconnaître dans la liste, par exemple « Clé USB du bureau » (${PASSKEY_NAME_MAX} caractères au plus).`,
            autocomplete: 'off',
            required: false,
          })
        : null
    }
    <button
      class="fr-btn ${input.secondary ? 'fr-btn--secondary' : ''} fr-icon-fingerprint-line fr-btn--icon-left"
      type="submit"
    >
      ${input.button}
    </button>
    <noscript><p class="fr-text--sm">Les clés d’accès demandent JavaScript.</p></noscript>
  </form>`;
}

/** "Clés d’accès et vérification en deux étapes": the account's factors, to add or remove. */
export function securityPage(input: {
  csrfToken: string;
  passkeys: PasskeySummary[];
  totp: 'enrolled' | 'available' | 'not_allowed';
  info?: string;
  error?: string;
}): PageContent {
  return {
    title: 'Clés d’accès et vérification en deux étapes',
    account: { csrfToken: input.csrfToken },
    scripts: passkeyScripts,
    main: html`<h1>Clés d’accès et vérification en deux étapes</h1>
      ${alertInfo(input.info)} ${alertError(input.error)}
      <h2>Mes clés d’accès</h2>
      <p>
        Une clé d’accès remplace le mot de passe et le code : votre appareil ou votre clé de sécurité la déverrouille
        par votre code PIN ou votre empreinte, et elle ne fonctionne que sur rempart, jamais sur un site imitant
        rempart.
      </p>
      ${
        input.passkeys.length === 0
          ? html`<p>Vous n’avez encore enregistré aucune clé d’accès.</p>`
          : html`<div class="fr-table">
              <table>
                <caption>
                  Clés d’accès enregistrées
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Ajoutée le</th>
                    <th scope="col">Dernière utilisation</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  ${input.passkeys.map(
                    (key) =>
                      html`<tr>
                        <td>${key.name}</td>
                        <td>${when(key.createdAt)}</td>
                        <td>${key.lastUsedAt ? when(key.lastUsedAt) : 'jamais'}</td>
                        <td>
                          <form method="post" action="/compte/cles/supprimer">
                            ${csrfField(input.csrfToken)}
                            <input type="hidden" name="passkey" value="${key.id}" />
                            <button
                              class="fr-btn fr-btn--sm fr-btn--tertiary"
                              type="submit"
                              aria-label="Supprimer la clé d’accès ${key.name}"
                            >
                              Supprimer
                            </button>
                          </form>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <h3>Ajouter une clé d’accès</h3>
      ${passkeyForm({
        ceremony: 'enregistrement',
        csrfToken: input.csrfToken,
        optionsUrl: '/compte/cles/options',
        action: '/compte/cles',
        button: 'Enregistrer une clé d’accès',
        nameField: true,
      })}
      <h2 class="fr-mt-5w">Application d’authentification (code TOTP)</h2>
      ${
        input.totp === 'enrolled'
          ? html`<p>Une application d’authentification est activée.</p>
              <form method="post" action="/compte/totp/supprimer">
                ${csrfField(input.csrfToken)}
                <button class="fr-btn fr-btn--secondary" type="submit">
                  Désactiver l’application d’authentification
                </button>
              </form>`
          : input.totp === 'available'
            ? html`<p>
                <a class="fr-btn fr-btn--secondary" href="/compte/totp">Activer une application d’authentification</a>
              </p>`
            : html`<p>
                La politique de votre organisation demande une clé d’accès : les codes TOTP ne sont pas acceptés.
              </p>`
      }
      <p class="fr-mt-3w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/compte">Retour à mon compte</a>
      </p>`,
  };
}

/** The step-up: prove the second factor again before a sensitive action. */
export function stepUpPage(input: {
  csrfToken: string;
  methods: StepUpMethods;
  retour: string;
  error?: string;
}): PageContent {
  return {
    title: 'Confirmez votre identité',
    account: { csrfToken: input.csrfToken },
    scripts: passkeyScripts,
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Confirmez votre identité</h1>
        <p>Cette action est sensible : confirmez qu’il s’agit bien de vous. La confirmation vaut cinq minutes.</p>
        ${alertError(input.error)}
        ${
          input.methods.passkey
            ? passkeyForm({
                ceremony: 'verification',
                csrfToken: input.csrfToken,
                optionsUrl: '/compte/verification/cle/options',
                action: '/compte/verification/cle',
                button: 'Confirmer avec ma clé d’accès',
                hidden: { retour: input.retour },
              })
            : null
        }
        ${
          input.methods.totp
            ? html`<form class="fr-mt-3w" method="post" action="/compte/verification">
                ${csrfField(input.csrfToken)}
                <input type="hidden" name="retour" value="${input.retour}" />
                <input type="hidden" name="method" value="totp" />
                ${field({ name: 'code', label: 'Code à 6 chiffres', hint: 'Le code affiché par votre application d’authentification.', autocomplete: 'one-time-code', inputmode: 'numeric' })}
                <button class="fr-btn" type="submit">Confirmer avec le code</button>
              </form>`
            : null
        }
        ${
          input.methods.password
            ? html`<form method="post" action="/compte/verification">
                ${csrfField(input.csrfToken)}
                <input type="hidden" name="retour" value="${input.retour}" />
                <input type="hidden" name="method" value="password" />
                ${field({ name: 'code', label: 'Mot de passe', type: 'password', autocomplete: 'current-password' })}
                <button class="fr-btn" type="submit">Confirmer avec mon mot de passe</button>
              </form>`
            : null
        }
      </div>
    </div>`,
  };
}
