import { readFile } from 'node:fs/promises';
import { typeset } from '../cli/french.js';
import { DEMO_MAILBOX_PATH } from '../mail/index.js';
import type { DemoAccountsFile } from '../seed/index.js';

/** What the person who ran `npm start` needs to try the demo. */
export interface DemoGuide {
  file: string;
  accounts: DemoAccountsFile['accounts'];
  /** PUBLIC_URL: the invitation links start with it, and passkeys belong to its host name. */
  publicUrl: string;
}

/** The demo accounts file, as `rempart serve` wrote it on first start. */
export async function readDemoGuide(file: string, publicUrl: string): Promise<DemoGuide> {
  const content = JSON.parse(await readFile(file, 'utf8')) as DemoAccountsFile;
  return { file, accounts: content.accounts, publicUrl };
}

/** « Recruteur, gestionnaire et conseiller »: labels in a sentence, the first one capitalised. */
function enumerate(labels: string[]): string {
  const [first, ...others] = labels.map((label, i) =>
    i === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1),
  );
  return others.length === 0 ? first! : `${[first, ...others.slice(0, -1)].join(', ')} et ${others.at(-1)}`;
}

function demoSteps(guide: DemoGuide): string[] {
  const base = guide.publicUrl;
  const withTotp = guide.accounts.filter((account) => account.totpSecret).map((account) => account.roleLabel);
  const invited = guide.accounts.filter((account) => account.invitationLink);
  const width = Math.max(...invited.map((account) => account.roleLabel.length));
  return [
    '',
    'Mode démo : pour essayer la plateforme',
    `  - Comptes de démonstration, un par rôle, avec e-mail et mot de passe : ${guide.file}`,
    ...(withTotp.length > 0
      ? [
          `  - ${enumerate(withTotp)} : leur secret d’authentification (totpSecret) est dans ce`,
          '    fichier ; ajoutez-le à une application d’authentification pour obtenir leurs codes.',
        ]
      : []),
    ...(invited.length > 0
      ? [
          '  - Les autres rôles du personnel enregistrent d’abord une clé d’accès (passkey) par leur lien',
          '    d’invitation, à usage unique et valable 7 jours après le premier démarrage :',
          ...invited.map((account) => `      ${account.roleLabel.padEnd(width)}  ${account.invitationLink}`),
        ]
      : []),
    `  - Les messages que la plateforme aurait envoyés : ${base}${DEMO_MAILBOX_PATH}`,
    `  Ouvrez ${base}/ et non une adresse IP : une clé d’accès appartient à un nom de domaine.`,
    '',
  ];
}

/**
 * The lines printed once the server listens: in demo mode, what to do next, then the line that
 * scripts and tests wait for, « rempart est prêt : URL », last.
 */
export function readyMessage(url: string, guide: DemoGuide | undefined): string {
  const lines = [...(guide ? demoSteps(guide) : []), `rempart est prêt : ${url}`, ''];
  return typeset(lines.join('\n'));
}
