import { html } from '../../http/html.js';
import type { PageContent } from '../../http/layout.js';
import type { SessionSummary } from '../sessions/session-store.js';
import { alertInfo, csrfField } from './forms.js';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** "Mes sessions": every open session of the account, each of which can be ended. */
export function sessionsPage(input: {
  csrfToken: string;
  sessions: SessionSummary[];
  currentId: string;
  info?: string;
}): PageContent {
  return {
    title: 'Mes sessions',
    account: { csrfToken: input.csrfToken },
    main: html`<h1>Mes sessions</h1>
      ${alertInfo(input.info)}
      <p>
        Voici les appareils connectés à votre compte. Si vous ne reconnaissez pas l’un d’eux, mettez-y fin et changez
        votre mot de passe.
      </p>
      <p class="fr-text--sm">
        rempart ne conserve pas les adresses IP des sessions, seulement une empreinte qui permet de dire si une session
        utilise le même réseau que vous en ce moment.
      </p>
      <div class="fr-table">
        <table>
          <caption>
            Sessions ouvertes
          </caption>
          <thead>
            <tr>
              <th scope="col">Appareil</th>
              <th scope="col">Ouverte le</th>
              <th scope="col">Dernière activité</th>
              <th scope="col">Réseau</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            ${input.sessions.map(
              (session) =>
                html`<tr>
                  <td>${session.label}${session.id === input.currentId ? ' (cette session)' : ''}</td>
                  <td>${dateTime.format(session.createdAt)}</td>
                  <td>${dateTime.format(session.lastSeenAt)}</td>
                  <td>${session.sameNetwork ? 'Le même que vous' : 'Un autre réseau'}</td>
                  <td>
                    <form method="post" action="/compte/sessions/fin">
                      ${csrfField(input.csrfToken)}
                      <input type="hidden" name="session" value="${session.id}" />
                      <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                        Mettre fin<span class="fr-sr-only"> à la session ${session.label}</span>
                      </button>
                    </form>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  };
}

/** The account's home: where to manage sessions and second factors. */
export function accountPage(input: {
  csrfToken: string;
  roleLabel: string;
  manager?: boolean;
  info?: string;
}): PageContent {
  return {
    title: 'Mon compte',
    account: { csrfToken: input.csrfToken },
    main: html`<h1>Mon compte</h1>
      ${alertInfo(input.info)}
      <p>Vous êtes connecté ${input.roleLabel}.</p>
      <ul>
        <li><a class="fr-link" href="/compte/sessions">Mes sessions</a></li>
        <li><a class="fr-link" href="/compte/cles">Clés d’accès et vérification en deux étapes</a></li>
        <li><a class="fr-link" href="/compte/mot-de-passe">Changer mon mot de passe</a></li>
        ${input.manager ? html`<li><a class="fr-link" href="/gestion/comptes">Gestion des comptes</a></li>` : null}
      </ul>`,
  };
}
