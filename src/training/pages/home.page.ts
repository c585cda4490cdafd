import { alert, html, linkButton, pageHeader, type PageContent, type SafeHtml } from '../../ui/index.js';
import type { Tasks } from '../tasks.js';

/** A DSFR tile-like card: a count, what it means, and where to act on it. */
function taskCard(input: { title: string; count: number; text: string; href: string; action: string }): SafeHtml {
  return html`<div class="fr-col-12 fr-col-md-4">
    <div class="fr-card fr-card--no-arrow">
      <div class="fr-card__body">
        <div class="fr-card__content">
          <h2 class="fr-card__title">${input.title}</h2>
          <p class="fr-card__desc"><span class="fr-h3">${String(input.count)}</span><br />${input.text}</p>
        </div>
        <div class="fr-card__footer">${linkButton(input.action, input.href, { style: 'secondary', small: true })}</div>
      </div>
    </div>
  </div>`;
}

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/** The organisation's home: its work to do, then where everything else is. */
export function homePage(input: { tasks: Tasks; manager: boolean; done?: string }): PageContent {
  const { tasks } = input;
  return {
    title: 'Mon organisme de formation',
    main: html`${pageHeader({
        title: 'Mon organisme de formation',
        lead: 'Les stagiaires orientés vers vos sessions, et les déclarations à faire dans les trois jours.',
      })}
      ${alert('success', input.done)}
      ${
        tasks.overdue > 0
          ? alert(
              'warning',
              `${tasks.overdue} ${plural(tasks.overdue, 'déclaration a dépassé', 'déclarations ont dépassé')} le délai de trois jours.`,
              'Déclarations en retard',
            )
          : null
      }
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        ${taskCard({
          title: 'Orientations à traiter',
          count: tasks.toAnswer,
          text: plural(tasks.toAnswer, 'orientation attend votre réponse.', 'orientations attendent votre réponse.'),
          href: '/organisme/sessions',
          action: 'Voir mes sessions',
        })}
        ${taskCard({
          title: 'Déclarations à faire',
          count: tasks.due,
          text: 'Entrées, présences mensuelles et sorties attendues.',
          href: '/organisme/declarations',
          action: 'Voir les déclarations',
        })}
        ${taskCard({
          title: 'Déclarations en retard',
          count: tasks.overdue,
          text: 'Le délai de trois jours est dépassé.',
          href: '/organisme/declarations?retard=oui',
          action: 'Voir les retards',
        })}
      </div>
      <h2>Mon organisme</h2>
      <ul>
        <li><a href="/organisme/sessions">Mes sessions de formation</a> : créer, importer, réunions d’information</li>
        <li><a href="/organisme/declarations">Déclarations à faire et en retard</a></li>
        ${
          input.manager
            ? html`<li>
                  <a href="/gestion/comptes">Gestion des comptes de l’organisme</a> : inviter, suspendre (une seconde
                  personne approuve chaque activation)
                </li>
                <li><a href="/organisme/securite">Vérification en deux étapes de l’organisme</a></li>`
            : null
        }
        <li><a href="/compte">Mon compte</a></li>
      </ul>`,
  };
}
