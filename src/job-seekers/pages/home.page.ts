import { referralProgress, type ReferralView } from '../../advising/index.js';
import { alert, html, pageHeader, summaryList, type PageContent } from '../../ui/index.js';

/** The job seeker's space: their referrals, where each training stands, and their rights. */
export function jobSeekerHome(input: {
  name: string;
  franceTravailId: string | null;
  referrals: readonly ReferralView[];
}): PageContent {
  const { referrals } = input;
  return {
    title: 'Mon espace demandeur d’emploi',
    main: html`${pageHeader({
        title: 'Mon espace demandeur d’emploi',
        lead: 'Les formations vers lesquelles votre conseiller vous a orienté, et où elles en sont.',
      })}
      ${summaryList([
        { label: 'Nom', value: input.name || 'Non renseigné' },
        { label: 'Identifiant France Travail', value: input.franceTravailId ?? 'Non renseigné' },
      ])}
      ${
        referrals.length === 0
          ? alert('info', 'Votre conseiller ne vous a encore orienté vers aucune formation.')
          : referrals.map((referral) => referralProgress(referral, { heading: 'h2' }))
      }
      <h2 class="fr-mt-5w">Vos données</h2>
      <ul class="fr-links-group">
        <li>
          <a class="fr-link fr-icon-eye-line fr-link--icon-left" href="/mes-acces">Mes accès</a> : qui a consulté vos
          données, quand et pourquoi.
        </li>
        <li>
          <a class="fr-link fr-icon-file-download-line fr-link--icon-left" href="/mes-donnees">Mes données</a> : tout ce
          que la plateforme détient sur vous, à lire ou à télécharger.
        </li>
      </ul>`,
  };
}
