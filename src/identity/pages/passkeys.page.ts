import {
  actionButton,
  alert,
  csrfInput,
  dataTable,
  emptyForm,
  formErrors,
  hiddenInput,
  html,
  linkButton,
  passwordInput,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';
import type { PasskeyView } from '../identity.presenter.js';
import type { StepUpMethods } from '../login/step-up.js';
import { PASSKEY_NAME_MAX } from '../passkeys/passkeys.js';

/** The scripts a page with a passkey ceremony needs, after appareil.js. */
export const passkeyScripts = ['/static/webauthn.js', '/static/cles.js'] as const;

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
    ${csrfInput(input.csrfToken)} ${Object.entries(input.hidden ?? {}).map(([name, value]) => hiddenInput(name, value))}
    <div class="fr-alert fr-alert--error fr-mb-2w" role="alert" data-cle-erreur hidden><p></p></div>
    ${
      input.nameField
        ? textInput(emptyForm<'name'>(input.csrfToken), 'name', {
            label: 'Nom de la clé d’accès',
            hint: `Pour la reconnaître dans la liste, par exemple « Clé USB du bureau » (${PASSKEY_NAME_MAX} caractères au plus).`,
            autocomplete: 'off',
            required: false,
          })
        : null
    }
    ${submitButton(input.button, { style: input.secondary ? 'secondary' : 'primary', icon: 'fr-icon-fingerprint-line' })}
    <noscript><p class="fr-text--sm">Les clés d’accès demandent JavaScript.</p></noscript>
  </form>`;
}

/** "Clés d’accès et vérification en deux étapes": the account's factors, to add or remove. */
export function securityPage(input: {
  csrfToken: string;
  passkeys: readonly PasskeyView[];
  totp: 'enrolled' | 'available' | 'not_allowed';
  info?: string;
  error?: string;
}): PageContent {
  const { csrfToken } = input;
  return {
    title: 'Clés d’accès et vérification en deux étapes',
    scripts: passkeyScripts,
    main: html`<h1>Clés d’accès et vérification en deux étapes</h1>
      ${alert('success', input.info)} ${alert('error', input.error)}
      <h2 id="mes-cles">Mes clés d’accès</h2>
      <p>
        Une clé d’accès remplace le mot de passe et le code : votre appareil ou votre clé de sécurité la déverrouille
        par votre code PIN ou votre empreinte, et elle ne fonctionne que sur rempart, jamais sur un site imitant
        rempart.
      </p>
      ${
        input.passkeys.length === 0
          ? html`<p>Vous n’avez encore enregistré aucune clé d’accès.</p>`
          : dataTable({
              labelledBy: 'mes-cles',
              rows: input.passkeys,
              columns: [
                { label: 'Nom', cell: (key) => key.name },
                { label: 'Ajoutée le', cell: (key) => key.addedOn },
                { label: 'Dernière utilisation', cell: (key) => key.lastUsed },
              ],
              actions: {
                label: 'Action',
                cell: (key) =>
                  actionButton({
                    action: '/compte/cles/supprimer',
                    csrfToken,
                    fields: { passkey: key.id },
                    label: 'Supprimer',
                    options: { style: 'tertiary', small: true, accessibleName: `Supprimer la clé d’accès ${key.name}` },
                  }),
              },
            })
      }
      <h3>Ajouter une clé d’accès</h3>
      ${passkeyForm({
        ceremony: 'enregistrement',
        csrfToken,
        optionsUrl: '/compte/cles/options',
        action: '/compte/cles',
        button: 'Enregistrer une clé d’accès',
        nameField: true,
      })}
      <h2 class="fr-mt-5w">Application d’authentification (code TOTP)</h2>
      ${
        input.totp === 'enrolled'
          ? html`<p>Une application d’authentification est activée.</p>
              ${actionButton({
                action: '/compte/totp/supprimer',
                csrfToken,
                fields: {},
                label: 'Désactiver l’application d’authentification',
                options: { style: 'secondary' },
              })}`
          : input.totp === 'available'
            ? html`<p>
                ${linkButton('Activer une application d’authentification', '/compte/totp', { style: 'secondary' })}
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

export type StepUpField = 'method' | 'code' | 'retour';

/** The step-up: prove the second factor again before a sensitive action. */
export function stepUpPage(input: {
  form: FormState<StepUpField>;
  methods: StepUpMethods;
  retour: string;
  /** The action that resumes after the check, when a form was sent without one. */
  resuming?: string;
  /** The session is held here, at a new network or browser, until this check passes. */
  newPlace?: boolean;
}): PageContent {
  const { form } = input;
  const hidden = (method: string) =>
    html`${csrfInput(form)} ${hiddenInput('retour', input.retour)} ${hiddenInput('method', method)}`;
  return {
    title: 'Confirmez votre identité',
    scripts: passkeyScripts,
    main: html`<div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Confirmez votre identité</h1>
        ${
          input.newPlace
            ? alert(
                'warning',
                'Votre session est utilisée depuis un autre réseau ou un autre navigateur que d’habitude. Tant que vous n’avez pas confirmé qu’il s’agit bien de vous, elle n’affiche aucune donnée ici.',
                'Nouveau réseau ou nouveau navigateur',
              )
            : html`<p>
                Cette action est sensible : confirmez qu’il s’agit bien de vous. La confirmation vaut cinq minutes.
              </p>`
        }
        ${input.resuming ? alert('info', `Aussitôt après, votre action reprendra : ${input.resuming}.`) : null}
        ${formErrors(form)}
        ${
          input.methods.passkey
            ? passkeyForm({
                ceremony: 'verification',
                csrfToken: form.csrfToken,
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
                ${hidden('totp')}
                ${textInput(form, 'code', {
                  label: 'Code à 6 chiffres',
                  hint: 'Le code affiché par votre application d’authentification.',
                  autocomplete: 'one-time-code',
                  inputmode: 'numeric',
                })}
                ${submitButton('Confirmer avec le code')}
              </form>`
            : null
        }
        ${
          input.methods.password
            ? html`<form method="post" action="/compte/verification">
                ${hidden('password')}
                ${passwordInput(form, 'code', { label: 'Mot de passe', autocomplete: 'current-password' })}
                ${submitButton('Confirmer avec mon mot de passe')}
              </form>`
            : null
        }
      </div>
    </div>`,
  };
}

/**
 * After the step-up: the form that was waiting for it, posted again with a fresh CSRF token.
 * static/reprise.js sends it at once; without JavaScript, the person presses the button.
 */
export function resumePage(input: {
  csrfToken: string;
  url: string;
  label: string;
  fields: Record<string, string | readonly string[]>;
  cancel: string;
}): PageContent {
  const hidden = Object.entries(input.fields).flatMap(([name, value]) =>
    (typeof value === 'string' ? [value] : value).map((item) => hiddenInput(name, item)),
  );
  return {
    title: 'Reprendre votre action',
    scripts: ['/static/reprise.js'],
    main: html`<h1>Reprendre votre action</h1>
      <p>Votre identité est confirmée. Votre action reprend : ${input.label}.</p>
      <form method="post" action="${input.url}" data-reprendre>
        ${csrfInput(input.csrfToken)} ${hidden} ${submitButton(`Continuer : ${input.label}`)}
      </form>
      <p class="fr-mt-3w"><a class="fr-link" href="${input.cancel}">Annuler</a></p>`,
  };
}
