import QRCode from 'qrcode';
import {
  csrfInput,
  formErrors,
  hiddenInput,
  html,
  linkButton,
  submitButton,
  textInput,
  type FormState,
  type PageContent,
  type SafeHtml,
} from '../../ui/index.js';

/** What a person scans or types to add the secret to an authenticator application. */
export interface TotpScan {
  secret: string;
  qrDataUrl: string;
}

export async function totpScan(enrolment: { secret: string; uri: string }): Promise<TotpScan> {
  return { secret: enrolment.secret, qrDataUrl: await QRCode.toDataURL(enrolment.uri, { margin: 1, width: 200 }) };
}

/** The QR code and the secret in groups of four, for manual entry. */
export function totpScanBlock(scan: TotpScan): SafeHtml {
  const grouped = scan.secret.match(/.{1,4}/g)?.join(' ') ?? scan.secret;
  return html`<p>
      <img
        src="${scan.qrDataUrl}"
        alt="Code QR à scanner avec votre application d’authentification"
        width="200"
        height="200"
      />
    </p>
    <p>Clé à saisir à la main : <code id="cle-totp">${grouped}</code></p>`;
}

/** The field of the first code, on the account's page and on an invitation's. */
export function totpCodeForm(input: {
  form: FormState<'code'>;
  action: string;
  button: string;
  hidden?: Record<string, string>;
  secondary?: boolean;
}): SafeHtml {
  return html`<form method="post" action="${input.action}">
    ${csrfInput(input.form)} ${Object.entries(input.hidden ?? {}).map(([name, value]) => hiddenInput(name, value))}
    ${textInput(input.form, 'code', {
      label: 'Code à 6 chiffres',
      hint: 'Le code que votre application affiche après avoir ajouté la clé.',
      autocomplete: 'one-time-code',
      inputmode: 'numeric',
    })}
    ${submitButton(input.button, { style: input.secondary ? 'secondary' : 'primary' })}
  </form>`;
}

/** TOTP enrolment: the QR code, the secret for manual entry, and the first code to confirm. */
export function totpEnrolPage(input: { form: FormState<'code'>; scan: TotpScan }): PageContent {
  return {
    title: 'Activer une application d’authentification',
    main: html`<h1>Activer une application d’authentification</h1>
      ${formErrors(input.form)}
      <ol>
        <li>
          Ouvrez votre application d’authentification (par exemple FreeOTP, Aegis ou celle de votre organisation).
        </li>
        <li>Scannez ce code QR, ou saisissez la clé ci-dessous.</li>
        <li>Saisissez le code à 6 chiffres qu’elle affiche.</li>
      </ol>
      ${totpScanBlock(input.scan)} ${totpCodeForm({ form: input.form, action: '/compte/totp', button: 'Activer' })}`,
  };
}

/** The recovery codes, shown once. */
export function recoveryCodesPage(input: { codes: readonly string[]; next?: string }): PageContent {
  return {
    title: 'Vos codes de secours',
    main: html`<h1>Vos codes de secours</h1>
      <div class="fr-alert fr-alert--warning fr-mb-3w">
        <p>
          Ces codes ne seront plus jamais affichés. Conservez-les en lieu sûr : chacun permet une seule connexion si
          vous perdez votre téléphone.
        </p>
      </div>
      <ul class="fr-raw-list" aria-label="Codes de secours">
        ${input.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <p>${linkButton('J’ai noté mes codes', input.next ?? '/compte')}</p>`,
  };
}
