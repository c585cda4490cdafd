import { actionButton, alert, dataTable, html, type PageContent } from '../../ui/index.js';
import type { SessionView } from '../identity.presenter.js';

/** "Mes sessions": every open session of the account, each of which can be ended. */
export function sessionsPage(input: { csrfToken: string; sessions: readonly SessionView[] }): PageContent {
  return {
    title: 'Mes sessions',
    main: html`<h1>Mes sessions</h1>
      <p>
        Voici les appareils connectés à votre compte. Si vous ne reconnaissez pas l’un d’eux, mettez-y fin et changez
        votre mot de passe.
      </p>
      <p class="fr-text--sm">
        rempart ne conserve pas les adresses IP des sessions, seulement une empreinte qui permet de dire si une session
        utilise le même réseau que vous en ce moment.
      </p>
      <h2 id="sessions-ouvertes">Sessions ouvertes</h2>
      ${dataTable({
        labelledBy: 'sessions-ouvertes',
        rows: input.sessions,
        columns: [
          { label: 'Appareil', cell: (session) => `${session.label}${session.current ? ' (cette session)' : ''}` },
          { label: 'Ouverte le', cell: (session) => session.openedAt },
          { label: 'Dernière activité', cell: (session) => session.lastActivity },
          { label: 'Réseau', cell: (session) => (session.sameNetwork ? 'Le même que vous' : 'Un autre réseau') },
        ],
        actions: {
          label: 'Action',
          cell: (session) =>
            actionButton({
              action: '/compte/sessions/fin',
              csrfToken: input.csrfToken,
              fields: { session: session.id },
              label: 'Mettre fin',
              options: {
                style: 'secondary',
                small: true,
                accessibleName: `Mettre fin à la session ${session.label}${session.current ? ' (cette session)' : ''}`,
              },
            }),
        },
      })}`,
  };
}

/** The account's home: who is signed in, and where to manage sessions and the sign-in factors. */
export function accountPage(input: { roleLabel: string; manager: boolean; info?: string }): PageContent {
  return {
    title: 'Mon compte',
    main: html`<h1>Mon compte</h1>
      ${alert('success', input.info)}
      <p>Vous êtes connecté ${input.roleLabel}.</p>
      <ul>
        <li><a class="fr-link" href="/compte/sessions">Mes sessions</a></li>
        <li><a class="fr-link" href="/compte/cles">Clés d’accès et vérification en deux étapes</a></li>
        <li><a class="fr-link" href="/compte/mot-de-passe">Changer mon mot de passe</a></li>
        ${input.manager ? html`<li><a class="fr-link" href="/gestion/comptes">Gestion des comptes</a></li>` : null}
      </ul>`,
  };
}
