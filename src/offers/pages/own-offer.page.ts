import {
  actionButton,
  alert,
  badge,
  buttonGroup,
  html,
  linkButton,
  pageHeader,
  summaryList,
  type PageContent,
} from '../../ui/index.js';
import type { OfferStatus } from '../offers.labels.js';
import { statusLabels } from '../offers.labels.js';
import type { OfferPageView } from '../offers.presenter.js';
import { mayEdit, mayMove } from '../offers.policy.js';
import { statusBadge } from './own-offers.page.js';

/** An offer of the recruiter's employer: its fields, its status, and the moves it may take. */
export function ownOfferPage(input: {
  id: string;
  status: OfferStatus;
  offer: OfferPageView;
  csrfToken: string;
  info?: string;
  error?: string;
}): PageContent {
  const base = `/recrutement/offres/${input.id}`;
  const { status, offer } = input;
  return {
    title: offer.title,
    main: html`${pageHeader({
        title: offer.title,
        trail: [
          { label: 'Accueil', href: '/' },
          { label: 'Les offres de mon employeur', href: '/recrutement/offres' },
        ],
      })}
      ${alert('success', input.info)} ${alert('error', input.error)}
      <p>Statut : ${badge(statusLabels[status], statusBadge[status])}</p>
      ${buttonGroup(
        [
          mayEdit(status) ? linkButton('Modifier', `${base}/modification`, { style: 'secondary' }) : null,
          mayMove(status, 'publish') ? linkButton('Publier', `${base}/publication`) : null,
          mayMove(status, 'close')
            ? actionButton({
                action: `${base}/cloture`,
                csrfToken: input.csrfToken,
                fields: {},
                label: 'Clôturer',
                options: { style: 'secondary' },
              })
            : null,
          mayMove(status, 'archive')
            ? actionButton({
                action: `${base}/archivage`,
                csrfToken: input.csrfToken,
                fields: {},
                label: 'Archiver',
                options: { style: 'tertiary' },
              })
            : null,
          status === 'published'
            ? linkButton('Voir la page publique', `/offres/${encodeURIComponent(offer.reference)}`, {
                style: 'tertiary',
              })
            : null,
        ],
        { inline: true },
      )}
      <h2>Missions</h2>
      <p>${offer.missions || 'À rédiger.'}</p>
      <h2>Profil attendu</h2>
      <p>${offer.profile || 'À rédiger.'}</p>
      <h2>L’offre en détail</h2>
      ${summaryList(offer.rows)}`,
  };
}
