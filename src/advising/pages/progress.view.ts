import { badge, html, summaryList, type SafeHtml } from '../../ui/index.js';
import type { ReferralView } from '../advising.presenter.js';

/**
 * One referral and the progress of its training, as the advisor and the job seeker both read
 * it: the session, the status, the advisor's note where the reader may see it, and every
 * declaration of the training organisation in the order it happened.
 */
export function referralProgress(view: ReferralView, options: { heading: 'h2' | 'h3' }): SafeHtml {
  const title =
    options.heading === 'h2'
      ? html`<h2 class="fr-h5 fr-mb-1w">${view.session}</h2>`
      : html`<h3 class="fr-h5 fr-mb-1w">${view.session}</h3>`;
  return html`<section class="fr-p-3w fr-mb-3w fr-background-alt--grey">
    ${title} ${badge(view.status, view.tone)}
    ${summaryList([
      { label: 'Organisme de formation', value: view.organisation },
      { label: 'Lieu', value: view.place },
      { label: 'Dates de la session', value: view.dates },
      { label: 'Orientation faite le', value: view.referredOn },
      ...(view.note !== null ? [{ label: 'Note pour l’organisme', value: view.note }] : []),
    ])}
    ${
      view.events.length === 0
        ? html`<p class="fr-mb-0">L’organisme n’a encore rien déclaré pour cette formation.</p>`
        : html`<p class="fr-text--bold fr-mb-1w">Déclarations de l’organisme</p>
            <ol class="fr-mb-0">
              ${view.events.map(
                (event) =>
                  html`<li>
                    ${event.label}, le ${event.on}${event.detail ? html` : <span>${event.detail}</span>` : null}
                  </li>`,
              )}
            </ol>`
    }
  </section>`;
}
