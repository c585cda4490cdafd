import QRCode from 'qrcode';
import { html, type SafeHtml } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import { alertError, csrfField, field } from './forms.js';

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

/** TOTP enrolment: the QR code, the secret for manual entry, and the first code to confirm. */
export function totpEnrolPage(input: {
  csrfToken: string;
  scan: TotpScan;
  error?: string;
  /** Where the code goes: the account's page, or an invitation's (with its token). */
  action?: string;
  hidden?: Record<string, string>;
}): PageContent {
  return {
    title: 'Activer une application d’authentification',
    account: { csrfToken: input.csrfToken },
    main: html`<h1>Activer une application d’authentification</h1>
      ${alertError(input.error)}
      <ol>
        <li>
          Ouvrez votre application d’authentification (par exemple FreeOTP, Aegis ou celle de votre organisation).
        </li>
        <li>Scannez ce code QR, ou saisissez la clé ci-dessous.</li>
        <li>Saisissez le code à 6 chiffres qu’elle affiche.</li>
      </ol>
      ${totpScanBlock(input.scan)}
      <form method="post" action="${input.action ?? '/compte/totp'}">
        ${csrfField(input.csrfToken)}
        ${Object.entries(input.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
        ${field({ name: 'code', label: 'Code à 6 chiffres', autocomplete: 'one-time-code', inputmode: 'numeric' })}
        <button class="fr-btn" type="submit">Activer</button>
      </form>`,
  };
}

/** The recovery codes, shown once. */
export function recoveryCodesPage(input: { csrfToken: string; codes: string[]; next?: string }): PageContent {
  return {
    title: 'Vos codes de secours',
    account: { csrfToken: input.csrfToken },
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
      <p><a class="fr-btn" href="${input.next ?? '/compte'}">J’ai noté mes codes</a></p>`,
  };
}
