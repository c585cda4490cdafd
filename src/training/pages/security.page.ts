import {
  alert,
  csrfInput,
  formErrors,
  html,
  pageHeader,
  radioGroup,
  submitButton,
  type FormState,
  type PageContent,
} from '../../ui/index.js';

/** The RGC's choice of how the organisation's users sign in. */
export function securityPage(input: {
  form: FormState<'policy'>;
  usersWithoutPasskey: number;
  done?: string;
}): PageContent {
  const warning =
    input.usersWithoutPasskey > 0
      ? `${input.usersWithoutPasskey} utilisateur${input.usersWithoutPasskey > 1 ? 's' : ''} de l’organisme n’${input.usersWithoutPasskey > 1 ? 'ont' : 'a'} pas encore de clé d’accès : avec « clé d’accès uniquement », ${input.usersWithoutPasskey > 1 ? 'ils ne pourront plus' : 'il ne pourra plus'} se connecter avant d’en enregistrer une.`
      : undefined;
  return {
    title: 'Vérification en deux étapes de l’organisme',
    main: html`${pageHeader({
        title: 'Vérification en deux étapes de l’organisme',
        trail: [{ label: 'Mon organisme', href: '/organisme' }],
        lead: 'Comment les utilisateurs de votre organisme confirment leur connexion après leur mot de passe.',
      })}
      ${alert('success', input.done)} ${alert('warning', warning)} ${formErrors(input.form)}
      <form method="post" action="/organisme/securite">
        ${csrfInput(input.form)}
        ${radioGroup(input.form, 'policy', {
          legend: 'Moyens acceptés',
          hint: 'Le responsable des comptes utilise toujours une clé d’accès.',
          choices: [
            {
              value: 'passkey',
              label: 'Clé d’accès uniquement',
              hint: 'La plus sûre : elle résiste à l’hameçonnage.',
            },
            {
              value: 'passkey_or_totp',
              label: 'Clé d’accès ou code d’une application d’authentification',
            },
          ],
        })}
        ${submitButton('Enregistrer')}
      </form>`,
  };
}
