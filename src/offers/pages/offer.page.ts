import { alert, html, linkButton, pageHeader, summaryList, type PageContent } from '../../ui/index.js';
import type { OfferPageView } from '../offers.presenter.js';

/** Paragraphs of a text typed with blank lines between them. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .filter((part) => part.trim() !== '')
    .map((part) => html`<p>${part.trim()}</p>`);

/**
 * An offer's own page, readable without an account: every field of décret n° 2018-1351 art. 3.
 * A signed-in candidate gets the way to apply; a visitor, the way to sign in first.
 */
export function offerPage(input: { offer: OfferPageView; viewer: 'candidate' | 'visitor' | 'other' }): PageContent {
  const { offer } = input;
  const apply = `/candidat/candidatures/nouvelle?offre=${encodeURIComponent(offer.reference)}`;
  return {
    title: `${offer.title}, ${offer.employer}`,
    main: html`${pageHeader({
        title: offer.title,
        trail: [
          { label: 'Accueil', href: '/' },
          { label: 'Offres d’emploi public', href: '/offres' },
        ],
        lead: offer.employer,
      })}
      ${
        offer.open
          ? null
          : alert('info', 'Cette offre est clôturée : elle ne reçoit plus de candidatures.', 'Offre clôturée')
      }
      ${offer.open && input.viewer === 'candidate' ? html`<p>${linkButton('Postuler', apply)}</p>` : null}
      ${
        offer.open && input.viewer === 'visitor'
          ? html`<p>
              Pour postuler, <a class="fr-link" href="/connexion">connectez-vous</a> ou
              <a class="fr-link" href="/inscription">créez un compte candidat</a>.
            </p>`
          : null
      }
      <h2>Missions</h2>
      ${paragraphs(offer.missions)}
      ${
        offer.profile
          ? html`<h2>Profil attendu</h2>
              ${paragraphs(offer.profile)}`
          : null
      }
      <h2>L’offre en détail</h2>
      ${summaryList(offer.rows)}
      ${offer.open && input.viewer === 'candidate' ? html`<p>${linkButton('Postuler', apply)}</p>` : null}`,
  };
}
