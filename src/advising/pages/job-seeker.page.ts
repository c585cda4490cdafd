import { alert, html, linkButton, pageHeader, summaryList, type PageContent } from '../../ui/index.js';
import type { JobSeekerView } from '../job-seeker.js';
import { ADVISOR_TRAIL } from './portfolio.page.js';
import { referralProgress } from './progress.view.js';

/** A job seeker of the portfolio: who they are, how to reach them, and their trainings. */
export function jobSeekerPage(view: JobSeekerView, options: { referred: boolean }): PageContent {
  const { person, contact } = view;
  return {
    title: person.name,
    main: html`${pageHeader({ title: person.name, trail: ADVISOR_TRAIL })}
      ${options.referred ? alert('success', 'L’orientation est envoyée à l’organisme de formation.') : null}
      ${summaryList([
        { label: 'Identifiant France Travail', value: person.franceTravailId },
        { label: 'Inscription', value: person.registration },
        { label: 'Adresse électronique', value: contact.email },
        { label: 'Téléphone', value: contact.phone },
        { label: 'Adresse postale', value: contact.address },
      ])}
      ${linkButton('Orienter vers une formation', `/conseiller/demandeurs/${person.personId}/orientation`, {
        icon: 'fr-icon-arrow-right-line',
      })}
      <h2 class="fr-mt-5w">Orientations et suivi de formation</h2>
      ${
        view.referrals.length === 0
          ? alert('info', 'Ce demandeur d’emploi n’a encore été orienté vers aucune formation.')
          : view.referrals.map((referral) => referralProgress(referral, { heading: 'h3' }))
      }`,
  };
}
