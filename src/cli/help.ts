import { typeset } from './french.js';

/** One command of the CLI as its help shows it. */
export interface CommandHelp {
  /** One line in the list of commands. */
  summary: string;
  /** Each way to call it, e.g. `rempart seed --people N [--seed S]`. */
  synopsis: string[];
  /** What it does, its options, and what to know before running it. */
  details: string;
  /** The first words it accepts after its name (`audit verify`), if it has any. */
  subcommands?: string[];
}

/** Every command, in the order the general help lists them. */
export const commandHelp: Record<string, CommandHelp> = {
  serve: {
    summary: 'démarre la plateforme (ce que lance « npm start »)',
    synopsis: ['rempart serve'],
    details: `Sert la plateforme sur HOST:PORT (127.0.0.1:3000 par défaut) avec la base de DATA_DIR, ou celle de
DATABASE_URL. Les migrations s’appliquent au démarrage.

En mode démo (REMPART_MODE=demo, par défaut), le premier démarrage crée la clé maîtresse et des
données de démonstration, puis écrit les comptes de démonstration dans DATA_DIR/demo-accounts.json.
Le mode démo n’écoute que sur la boucle locale.

Les journaux sont lisibles dans un terminal et en JSON ailleurs ; LOG_LEVEL règle leur niveau.`,
  },
  migrate: {
    summary: 'applique les migrations de la base',
    synopsis: ['rempart migrate'],
    details: 'Met la base à jour. Inutile avant « serve », qui le fait au démarrage.',
  },
  seed: {
    summary: 'génère des données françaises réalistes',
    synopsis: ['rempart seed --people N [--seed S]'],
    details: `Remplit une base vide de N personnes, avec organisations, sessions, offres et candidatures,
puis plante les personnes témoins (voir « rempart canaries »).
  --people N   nombre de personnes (1 à 10 000 000)
  --seed S     graine : la même graine donne les mêmes données ; sans elle, une graine tirée au
               hasard, affichée pour refaire le même jeu`,
  },
  audit: {
    summary: 'vérifie, scelle, purge et interroge le journal des accès',
    synopsis: [
      'rempart audit verify',
      'rempart audit checkpoint',
      'rempart audit purge [--days N]',
      'rempart audit reads --account ID --from T1 --to T2',
    ],
    subcommands: ['verify', 'checkpoint', 'purge', 'reads'],
    details: `  verify       recalcule la chaîne et nomme la première entrée modifiée, supprimée ou déplacée
  checkpoint   écrit un point de contrôle signé de la tête du journal, hors de la base
  purge        supprime les entrées plus anciennes que N jours (AUDIT_RETENTION_DAYS, 365 par
               défaut) et garde le reste vérifiable
  reads        les personnes et les champs exacts qu’un compte a consultés entre deux dates
               ISO 8601 (ex. 2026-11-01T00:00:00Z)`,
  },
  admins: {
    summary: 'crée les deux premiers administrateurs d’une installation',
    synopsis: ['rempart admins bootstrap --email ADRESSE --email ADRESSE', 'rempart admins relink --email ADRESSE'],
    subcommands: ['bootstrap', 'relink'],
    details: `Crée, une seule fois, les deux premiers administrateurs et affiche le lien d’invitation de
chacun (à usage unique, valable 7 jours) : il y choisit son mot de passe puis enregistre sa clé
d’accès. Refusé dès qu’un administrateur existe : tout compte du personnel suivant est demandé
par une personne et approuvé par une autre, dans « Gestion des comptes ».
  --email ADRESSE   l’adresse de chacun des deux administrateurs (deux fois, deux personnes)
relink donne un nouveau lien à l’un des deux tant qu’il n’a pas enregistré sa clé d’accès (lien
expiré ou perdu) ; le lien précédent cesse de fonctionner.
Les liens commencent par PUBLIC_URL : réglez-la d’abord sur l’adresse publique de la plateforme.`,
  },
  offers: {
    summary: 'importe le fichier des offres en données ouvertes (DGAFP)',
    synopsis: ['rempart offers import FICHIER.csv [--report RAPPORT.csv]'],
    subcommands: ['import'],
    details: `Importe le fichier hebdomadaire des offres d’emploi public publié en données ouvertes par la
DGAFP (colonnes Référence, Intitulé, Organisme de rattachement, Employeur, Versant, Catégorie, Nature
de l’emploi, Métier, Domaine, Localisation, Lieu d’affectation, Niveau d’études, Durée du contrat,
Temps plein et les dates ; séparateur « ; » ou « , »). Chaque ligne valable est enregistrée ; chaque
ligne refusée figure avec son motif dans le rapport. Importer deux fois le même fichier ne change rien.
  --report RAPPORT.csv   le rapport des lignes refusées (FICHIER.rejets.csv par défaut)
Code de sortie 1 quand des lignes sont refusées.`,
  },
  canaries: {
    summary: 'plante les personnes témoins et reconnaît un fichier qui en contient',
    synopsis: ['rempart canaries plant [--email-domain DOMAINE]', 'rempart canaries check FICHIER'],
    subcommands: ['plant', 'check'],
    details: `Les personnes témoins sont des personnes fictives placées là où un attaquant va et où aucune
tâche légitime ne mène : lire l’une d’elles suspend aussitôt le compte (docs/security.md).
plant          plante celles qui manquent dans chaque espace (organismes de formation, vivier,
               employeurs ; aucune dans les portefeuilles des conseillers) ; relancer n’ajoute rien
  --email-domain DOMAINE   le domaine de leurs adresses électroniques, dont l’exploitant lit le
                           courrier (leurre.rempart.test par défaut)
check FICHIER  compte les adresses et numéros de personnes témoins d’un fichier fuité (CSV ou
               texte) ; code de sortie 1 quand il en contient : le fichier vient de rempart`,
  },
  keys: {
    summary: 'nouvelle clé de données et rechiffrement par lots',
    synopsis: ['rempart keys rotate [--batch-size N] [--settle-seconds S]'],
    subcommands: ['rotate'],
    details: `Rend active une nouvelle version de la clé de données, puis rechiffre chaque valeur par lots
pendant que la plateforme continue de servir. Ctrl-C s’arrête entre deux lots ; relancer reprend.
  --batch-size N       valeurs par transaction (500 par défaut, 1 à 10 000)
  --settle-seconds S   attente avant le dernier passage, le temps que les serveurs en cours
                       prennent la nouvelle clé (10 par défaut)`,
  },
};

/** The general help: what rempart is, its commands, and where the settings live. */
export function generalHelp(): string {
  const width = Math.max(...Object.keys(commandHelp).map((name) => name.length), 'help [commande]'.length) + 2;
  const rows = [
    ...Object.entries(commandHelp).map(([name, help]) => `  ${name.padEnd(width)} ${help.summary}`),
    `  ${'help [commande]'.padEnd(width)} cette aide, ou celle d’une commande`,
  ];
  return typeset(`rempart : plateforme publique de l’emploi, avec une seule porte vers les données personnelles.

Utilisation : rempart <commande> [options]

Commandes :
${rows.join('\n')}

« rempart <commande> --help » détaille une commande. Les réglages passent par des variables
d’environnement (REMPART_MODE, DATA_DIR, DATABASE_URL, PORT…) : voir le README.
`);
}

/** The help of one command: its synopsis, then its details. */
export function helpOf(name: string): string {
  const help = commandHelp[name]!;
  return typeset(`rempart ${name} : ${help.summary}

Utilisation :
${help.synopsis.map((line) => `  ${line}`).join('\n')}

${help.details}
`);
}
