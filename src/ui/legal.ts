import { html, type SafeHtml } from './html.js';

/*
 * Who answers for the personal data, as the notices of GDPR art. 13 must say. rempart ships
 * these for its demonstration; a deployment writes its own controller and its data protection
 * officer's address here (README, "Design system and brand").
 */

/** The data controller (GDPR art. 4(7)), as the notices name it. */
export const DATA_CONTROLLER = 'l’opérateur de cette plateforme rempart (fictif dans la version de démonstration)';

/** Where a person exercises their rights or asks about their data: the DPO (GDPR art. 37–39). */
export const DPO_EMAIL = 'dpd@rempart.localhost';

/** Where a person whose account is suspended, or who is locked out, asks for help. */
export const SUPPORT_EMAIL = 'assistance@rempart.localhost';

/**
 * What every notice of GDPR art. 13 says besides its own data and purposes: who is responsible,
 * the legal basis, the rights and where to exercise them. Public employment is a task carried
 * out in the public interest (art. 6(1)(e)); the journal of accesses is kept one year (CNIL,
 * délibération n° 2021-122), which `audit purge` enforces.
 */
export function rightsAndContact(): SafeHtml {
  return html`Vous pouvez accéder à vos données, les faire rectifier ou effacer, en limiter le traitement ou vous y
    opposer (RGPD, articles 15 à 21) en écrivant au délégué à la protection des données :
    <a href="mailto:${DPO_EMAIL}">${DPO_EMAIL}</a>. Vous pouvez aussi adresser une réclamation à la CNIL (<a
      href="https://www.cnil.fr/fr/plaintes"
      rel="noopener external"
      >cnil.fr/plaintes</a
    >).`;
}
