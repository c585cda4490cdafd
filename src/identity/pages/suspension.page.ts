import {
  csrfInput,
  emptyForm,
  formErrors,
  hiddenInput,
  html,
  selectInput,
  submitButton,
  type Choice,
  type FormState,
  type RowLayout,
  type SafeHtml,
} from '../../ui/index.js';
import { choosableReasons, suspensionReasons, type SuspensionLevel } from '../accounts/suspensions.js';
import type { ManagedAccountView } from '../identity.presenter.js';

/*
 * The suspension's part of « Gestion des comptes » (accounts/suspensions.ts): the reason to
 * choose before suspending, what a suspension says under « Suspendu », and what the viewer may
 * do about it given its level.
 */

export type SuspendField = 'account' | 'motif';

const levelLabels: Record<SuspensionLevel, string> = {
  platform: 'par la plateforme (administration ou sécurité)',
  organisation: 'par le responsable des comptes de l’organisme',
};

const reasonChoices: Choice[] = choosableReasons.map((reason) => ({ value: reason, label: suspensionReasons[reason] }));

const motifField = (form: FormState<SuspendField>, id?: string) =>
  selectInput(form, 'motif', {
    label: 'Motif de la suspension',
    choices: reasonChoices,
    placeholder: 'Choisir un motif',
    id,
  });

/**
 * The suspend button of an active account, with its reason to choose first. The row is drawn
 * twice (table and card), so the field's id names the layout.
 */
export function suspendForm(csrfToken: string, account: ManagedAccountView, layout: RowLayout): SafeHtml {
  return html`<form method="post" action="/gestion/comptes/suspendre">
    ${csrfInput(csrfToken)} ${hiddenInput('account', account.accountId)}
    ${motifField(emptyForm(csrfToken), `motif-${layout}-${account.accountId}`)}
    ${submitButton('Suspendre', { style: 'secondary', small: true, accessibleName: `Suspendre : ${account.name}` })}
  </form>`;
}

/**
 * The suspension sent without a valid reason, shown again above the lists with its one field in
 * error, so that the summary's link reaches a field that is on the screen at every size.
 */
export function suspendAgain(form: FormState<SuspendField>, who: string | undefined): SafeHtml {
  return html`<section class="fr-mb-5w" aria-labelledby="suspension">
    <h2 id="suspension">${who ? `Suspendre le compte de ${who}` : 'Suspendre ce compte'}</h2>
    ${formErrors(form)}
    <form method="post" action="/gestion/comptes/suspendre">
      ${csrfInput(form)} ${hiddenInput('account', form.values.account?.toString() ?? '')} ${motifField(form)}
      ${submitButton('Suspendre', { style: 'secondary' })}
    </form>
  </section>`;
}

/** Who suspended, at what level, and why: shown under « Suspendu ». */
export function suspensionDetails(account: ManagedAccountView): SafeHtml | null {
  const suspension = account.suspension;
  if (!suspension) return null;
  return html`<p class="fr-text--xs fr-mb-0">
    Suspendu ${levelLabels[suspension.level]}. Motif : ${suspension.reason}.
  </p>`;
}

/**
 * What the viewer may do about a suspension: lift it (organisation level), ask for or confirm a
 * platform-level lift, or nothing but wait or read why not.
 */
export function liftAction(
  account: ManagedAccountView,
  viewerLevel: SuspensionLevel,
  button: (label: string) => SafeHtml,
): SafeHtml | null {
  const suspension = account.suspension;
  if (!suspension) return null;
  if (suspension.level === 'organisation') return button('Réactiver');
  if (viewerLevel !== 'platform') {
    return html`<p class="fr-text--sm fr-mb-0">Réactivation par la plateforme seulement</p>`;
  }
  if (suspension.lift === 'asked-by-viewer') {
    return html`<p class="fr-text--sm fr-mb-0">Réactivation demandée, en attente d’une seconde personne</p>`;
  }
  return button(suspension.lift === 'asked-by-other' ? 'Confirmer la réactivation' : 'Demander la réactivation');
}
