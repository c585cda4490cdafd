import { linkLifetimeInWords } from '../identity/links.js';
import type { TokenPurpose } from '../identity/tokens.js';
import type { ParamKind } from './params.js';

/** A paragraph of a message: plain text, or a link with the words that introduce it. */
export type Block = string | { label: string; href: string };

/** One message: its parameters by kind, its subject, and its paragraphs in French. */
export interface TemplateSpec<P extends string = string> {
  params: Readonly<Record<P, ParamKind>>;
  /**
   * The single-use link the message carries, if any. It is never queued: the mailer mints it
   * when it delivers the message, so the outbox holds no live token (issue 8, item 3).
   */
  link?: TokenPurpose;
  subject: string;
  /**
   * Receives each parameter already turned into French words (dates, roles, changes), and the
   * minted link (an empty string for a message without one).
   */
  body(p: Readonly<Record<P, string>>, link: string): Block[];
}

// Ties each body's parameter names to its declared params, so a typo fails the type-check.
const define = <P extends string>(spec: TemplateSpec<P>): TemplateSpec => spec as unknown as TemplateSpec;

// Every message says what happened and what to do if it was not you. The France Travail breach
// of 2024 began with fake IT support calls, so each message also says what rempart never asks.
const NEVER_ASKS =
  'rempart ne vous demandera jamais votre mot de passe ni vos codes de connexion, ni par téléphone ni par courriel.';
const STAFF_IF_NOT_YOU =
  'Si votre compte est un compte professionnel, prévenez aussi votre responsable sécurité : il peut suspendre le compte et fermer ses sessions.';

/** Every message rempart sends, by name. Subjects start with "[rempart]". */
export const templates = {
  verify_email: define({
    params: {},
    link: 'verify_email',
    subject: '[rempart] Confirmez votre adresse électronique',
    body: (_p, link) => [
      'Bonjour,',
      `Un compte rempart vient d’être demandé avec cette adresse électronique. Pour confirmer qu’elle est bien la vôtre, ouvrez le lien ci-dessous. Il ne sert qu’une fois et expire dans ${linkLifetimeInWords('verify_email')}.`,
      { label: 'Confirmer mon adresse électronique', href: link },
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun compte ne sera activé.',
    ],
  }),
  invitation: define({
    params: { role: 'role' },
    link: 'invitation',
    subject: '[rempart] Invitation à rejoindre rempart',
    body: (p, link) => [
      'Bonjour,',
      `Un compte rempart a été préparé pour vous, avec le rôle « ${p.role} ». Pour l’activer, ouvrez le lien ci-dessous et enregistrez votre moyen de connexion (clé d’accès ou application d’authentification). Le lien ne sert qu’une fois et expire dans ${linkLifetimeInWords('invitation')}.`,
      { label: 'Activer mon compte', href: link },
      'Si vous n’attendiez pas cette invitation, n’ouvrez pas le lien et contactez votre responsable sécurité.',
    ],
  }),
  reset_password: define({
    params: {},
    link: 'reset_password',
    subject: '[rempart] Réinitialisation de votre mot de passe',
    body: (_p, link) => [
      'Bonjour,',
      `Une réinitialisation du mot de passe de votre compte rempart a été demandée. Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous. Il ne sert qu’une fois et expire dans ${linkLifetimeInWords('reset_password')}. La vérification en deux étapes (clé d’accès ou code) vous sera toujours demandée.`,
      { label: 'Choisir un nouveau mot de passe', href: link },
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas. Si ces demandes se répètent, changez votre mot de passe et contactez votre responsable sécurité pour un compte professionnel.',
    ],
  }),
  new_device_login: define({
    params: { when: 'datetime', device: 'device' },
    subject: '[rempart] Connexion depuis un nouvel appareil',
    body: (p) => [
      'Bonjour,',
      `Une connexion à votre compte rempart a eu lieu le ${p.when}, depuis un appareil qui ne s’était encore jamais connecté : ${p.device}.`,
      'Si c’était vous, vous n’avez rien à faire.',
      `Si ce n’était pas vous, changez votre mot de passe tout de suite, puis fermez les sessions que vous ne reconnaissez pas depuis la page « Mes sessions ». ${STAFF_IF_NOT_YOU}`,
    ],
  }),
  mfa_changed: define({
    params: { change: 'mfaChange', when: 'datetime' },
    subject: '[rempart] Modification de votre vérification en deux étapes',
    body: (p) => [
      'Bonjour,',
      `Le ${p.when}, la vérification en deux étapes de votre compte rempart a été modifiée : ${p.change}.`,
      'Si c’était vous, vous n’avez rien à faire.',
      `Si ce n’était pas vous, quelqu’un d’autre a peut-être accès à votre compte : changez votre mot de passe tout de suite. ${STAFF_IF_NOT_YOU}`,
    ],
  }),
  password_changed: define({
    params: { when: 'datetime' },
    subject: '[rempart] Votre mot de passe a été modifié',
    body: (p) => [
      'Bonjour,',
      `Le mot de passe de votre compte rempart a été modifié le ${p.when}.`,
      'Si c’était vous, vous n’avez rien à faire.',
      `Si ce n’était pas vous, changez votre mot de passe tout de suite avec « Mot de passe oublié » sur la page de connexion : la vérification en deux étapes vous sera demandée. ${STAFF_IF_NOT_YOU}`,
    ],
  }),
  session_moved: define({
    params: { when: 'datetime', device: 'device' },
    subject: '[rempart] Votre session continue depuis un autre réseau ou navigateur',
    body: (p) => [
      'Bonjour,',
      `Le ${p.when}, votre session rempart ouverte a continué depuis un autre réseau ou un autre navigateur\u00a0: ${p.device}. Cela arrive, par exemple, quand un téléphone passe du Wi-Fi au réseau mobile.`,
      'Si c’était vous, vous n’avez rien à faire.',
      `Si ce n’était pas vous, quelqu’un a peut-être copié votre navigateur\u00a0: fermez cette session depuis la page «\u00a0Mes sessions\u00a0», changez votre mot de passe et faites vérifier votre appareil.`,
    ],
  }),
  session_move_held: define({
    params: { when: 'datetime', device: 'device' },
    subject: '[rempart] Votre session professionnelle demande une vérification',
    body: (p) => [
      'Bonjour,',
      `Le ${p.when}, votre session professionnelle rempart a été présentée depuis un autre réseau ou un autre navigateur\u00a0: ${p.device}. Elle ne pourra s’y poursuivre qu’après la vérification de votre clé d’accès ou de votre code.`,
      'Si c’était vous, confirmez avec votre clé d’accès ou votre code, et vous n’avez rien d’autre à faire.',
      `Si ce n’était pas vous, un logiciel malveillant a peut-être copié votre navigateur\u00a0: ne confirmez rien, prévenez immédiatement votre responsable sécurité et faites vérifier votre poste.`,
    ],
  }),
  staff_new_session: define({
    params: { when: 'datetime', device: 'device' },
    subject: '[rempart] Nouvelle session sur votre compte professionnel',
    body: (p) => [
      'Bonjour,',
      `Une session a été ouverte sur votre compte professionnel rempart le ${p.when}, depuis : ${p.device}.`,
      'Nous vous prévenons de chaque session, car votre compte donne accès aux données d’autres personnes.',
      'Si c’était vous, vous n’avez rien à faire.',
      'Si ce n’était pas vous, contactez immédiatement votre responsable sécurité : il peut suspendre le compte et fermer la session.',
    ],
  }),
  // Recruiting (issue 9): the notice says that something happened, never what, to whom or
  // where: the outbox is a plain table. The words are read on rempart, after signing in.
  application_status: define({
    params: { link: 'link' },
    subject: '[rempart] Votre candidature a évolué',
    body: (p) => [
      'Bonjour,',
      'Le statut d’une de vos candidatures a changé. Pour le consulter, connectez-vous à rempart et ouvrez « Mes candidatures ».',
      { label: 'Voir mes candidatures', href: p.link },
      'Si vous n’êtes pas à l’origine d’une candidature sur rempart, ignorez ce message : n’ouvrez pas le lien et ne saisissez aucun mot de passe.',
    ],
  }),
  application_message: define({
    params: { link: 'link' },
    subject: '[rempart] Un recruteur vous a écrit',
    body: (p) => [
      'Bonjour,',
      'Un recruteur vous a écrit au sujet d’une de vos candidatures. Pour lire son message, connectez-vous à rempart et ouvrez « Mes candidatures ».',
      { label: 'Voir mes candidatures', href: p.link },
      'Si vous n’êtes pas à l’origine d’une candidature sur rempart, ignorez ce message : n’ouvrez pas le lien et ne saisissez aucun mot de passe.',
    ],
  }),
  offer_alert: define({
    params: { count: 'count' },
    subject: '[rempart] De nouvelles offres correspondent à votre recherche',
    body: (p) => [
      'Bonjour,',
      `${p.count === '1' ? 'Une nouvelle offre d’emploi public correspond' : `${p.count} nouvelles offres d’emploi public correspondent`} à l’une de vos recherches enregistrées.`,
      'Pour les voir, connectez-vous à rempart, puis ouvrez «\u00a0Mes alertes\u00a0» depuis la page des offres (/offres/alertes).',
      'Si vous n’êtes pas à l’origine de cette alerte ou ne souhaitez plus la recevoir, supprimez-la depuis «\u00a0Mes alertes\u00a0».',
    ],
  }),
  declarations_due: define({
    params: {},
    subject: '[rempart] Des déclarations de suivi de stagiaires sont à faire',
    body: () => [
      'Bonjour,',
      'Votre organisme de formation a des déclarations à faire sur rempart (entrée, présence mensuelle ou sortie de stagiaires). Chaque déclaration doit être faite dans les trois jours.',
      'Connectez-vous à rempart et ouvrez « Déclarations » depuis l’accueil de votre organisme pour les voir et les faire.',
      'Ce message ne nomme aucun stagiaire : les noms ne sont visibles qu’une fois connecté.',
      'Si vous n’attendiez pas ce message (vous ne travaillez plus pour cet organisme, par exemple), prévenez le responsable des comptes de l’organisme ou votre responsable sécurité.',
    ],
  }),
  declarations_overdue: define({
    params: {},
    subject: '[rempart] Des déclarations de suivi de stagiaires sont en retard',
    body: () => [
      'Bonjour,',
      'Votre organisme de formation a des déclarations en retard sur rempart (entrée, présence mensuelle ou sortie de stagiaires) : le délai de trois jours est dépassé.',
      'Connectez-vous à rempart et ouvrez « Déclarations en retard » depuis l’accueil de votre organisme pour les faire au plus vite.',
      'Ce message ne nomme aucun stagiaire : les noms ne sont visibles qu’une fois connecté.',
      'Si vous n’attendiez pas ce message (vous ne travaillez plus pour cet organisme, par exemple), prévenez le responsable des comptes de l’organisme ou votre responsable sécurité.',
    ],
  }),
  // The guard (issue 11): to the organisation's account managers and the security officers.
  // The message names the role and the moment, never the account's holder nor the people read.
  guard_suspension: define({
    params: { when: 'datetime', role: 'role' },
    subject: '[rempart] Un compte a été suspendu par la sécurité de la plateforme',
    body: (p) => [
      'Bonjour,',
      `Le ${p.when}, la sécurité de rempart a suspendu un compte de rôle « ${p.role} » que vous suivez : sa façon de consulter des données personnelles ressemblait à celle d’un compte détourné. Ses sessions sont fermées.`,
      'Connectez-vous à rempart pour voir l’alerte et ses éléments : la levée de la suspension demande deux personnes de la sécurité de la plateforme.',
      'Si vous n’attendiez pas ce message, prévenez votre responsable sécurité.',
    ],
  }),
};

/** The name of a message rempart can send. */
export type TemplateName = keyof typeof templates;

/** The closing paragraphs every message ends with. */
export const closing: readonly string[] = [
  NEVER_ASKS,
  'Ce message est envoyé automatiquement : merci de ne pas y répondre.',
  'L’équipe rempart',
];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}
