import { html, type SafeHtml } from '../../http/html.js';
import {
  choosableReasons,
  suspensionReasons,
  type SuspensionLevel,
  type SuspensionView,
} from '../accounts/suspensions.js';
import { csrfField } from './forms.js';

const levelLabels: Record<SuspensionLevel, string> = {
  platform: 'par la plateforme (administration ou sécurité)',
  organisation: 'par le responsable des comptes de l’organisme',
};

/** The suspend button of an active account, with the reason to choose first. */
export function suspendForm(input: { csrfToken: string; accountId: string; who: string }): SafeHtml {
  const id = `motif-${input.accountId}`;
  return html`<form method="post" action="/gestion/comptes/suspendre" class="fr-mb-1w">
    ${csrfField(input.csrfToken)}
    <input type="hidden" name="account" value="${input.accountId}" />
    <div class="fr-select-group fr-mb-1w">
      <label class="fr-label" for="${id}">Motif<span class="fr-sr-only"> de la suspension de ${input.who}</span></label>
      <select class="fr-select" id="${id}" name="motif" required>
        <option value="" selected disabled>Choisir un motif</option>
        ${choosableReasons.map((reason) => html`<option value="${reason}">${suspensionReasons[reason]}</option>`)}
      </select>
    </div>
    <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit" aria-label="Suspendre&nbsp;: ${input.who}">
      Suspendre
    </button>
  </form>`;
}

/** Who suspended, at what level, and why: shown under « Suspendu ». */
export function suspensionDetails(suspension: SuspensionView | undefined): SafeHtml | null {
  if (!suspension) return null;
  return html`<p class="fr-text--xs fr-mb-0">
    Suspendu ${levelLabels[suspension.level]}. Motif&nbsp;: ${suspensionReasons[suspension.reason]}.
  </p>`;
}

/**
 * What a manager may do about a suspension: lift it (organisation level), ask for or confirm a
 * platform-level lift, or nothing but wait or read why not.
 */
export function liftAction(input: {
  csrfToken: string;
  accountId: string;
  who: string;
  viewerId: string;
  viewerLevel: SuspensionLevel;
  suspension: SuspensionView | undefined;
}): SafeHtml {
  const level = input.suspension?.level ?? 'platform';
  const requestedBy = input.suspension?.liftRequestedBy ?? null;
  if (level === 'platform' && input.viewerLevel !== 'platform') {
    return html`<p class="fr-text--sm fr-mb-0">Réactivation par la plateforme seulement</p>`;
  }
  if (level === 'platform' && requestedBy === input.viewerId) {
    return html`<p class="fr-text--sm fr-mb-0">Réactivation demandée, en attente d’une seconde personne</p>`;
  }
  const label =
    level === 'organisation' ? 'Réactiver' : requestedBy ? 'Confirmer la réactivation' : 'Demander la réactivation';
  return html`<form method="post" action="/gestion/comptes/reactiver" class="fr-mb-1w">
    ${csrfField(input.csrfToken)}
    <input type="hidden" name="account" value="${input.accountId}" />
    <button class="fr-btn fr-btn--sm" type="submit" aria-label="${label}&nbsp;: ${input.who}">${label}</button>
  </form>`;
}
