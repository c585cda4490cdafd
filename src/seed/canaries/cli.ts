import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliRefusal } from '../../cli/args.js';
import { typeset } from '../../cli/french.js';
import type { Platform } from '../../platform.js';
import type { FoundContact, LeakReport } from './check.js';
import { canariesArguments } from './arguments.js';
import { checkLeak, plantCanaries, type PlantReport } from './index.js';

const spaceWords: Record<keyof PlantReport, string> = {
  training: 'organismes de formation',
  pool: 'recherches larges du vivier',
  advising: 'portefeuilles de conseillers',
  recruiting: 'employeurs',
};

/** Why a holder waits for its canary, said once per space. */
const waitingWords: Record<keyof PlantReport, string> = {
  training: 'sans session pour l’instant',
  pool: '',
  advising: 'au portefeuille d’une page ou moins',
  recruiting: 'avec moins d’une page de candidatures non retenues, ou sans offre clôturée',
};

/** « 0 plantée », « 1 plantée », « 2 plantées »: French counts zero and one alike. */
const count = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

function plantSummary(report: PlantReport): string {
  const lines = (Object.keys(spaceWords) as (keyof PlantReport)[]).map((space) => {
    const { planted, present, waiting } = report[space];
    const later = waiting > 0 ? ` ; ${waiting} ${waitingWords[space]}, sans personne témoin` : '';
    return `  ${spaceWords[space]} : ${count(planted, 'plantée', 'plantées')}, ${present.toLocaleString('fr-FR')} déjà en place${later}`;
  });
  return ['Personnes témoins :', ...lines, ''].join('\n');
}

/** Whose canary a contact is, as it follows « la personne témoin »: « du vivier… », « de l’employeur… ». */
function whose(contact: FoundContact): string {
  if (contact.space === 'pool') return `du vivier (recherche par la seule langue « ${contact.holder} »)`;
  if (contact.space === 'advising') return `du portefeuille du conseiller ${contact.holder}`;
  const kind = contact.space === 'training' ? 'de l’organisme de formation' : 'de l’employeur';
  return `${kind} « ${contact.holderName ?? contact.holder} »`;
}

function checkSummary(file: string, report: LeakReport): string {
  if (report.found.length === 0) {
    return `${count(report.lines, 'ligne lue', 'lignes lues')} dans ${file} : aucune coordonnée de personne témoin.\n`;
  }
  const emails = report.found.filter((contact) => contact.kind === 'email').length;
  const phones = report.found.length - emails;
  return [
    `${count(report.lines, 'ligne lue', 'lignes lues')} dans ${file} : ` +
      `${count(report.found.length, 'coordonnée de personne témoin', 'coordonnées de personnes témoins')} ` +
      `(${count(emails, 'adresse électronique', 'adresses électroniques')}, ` +
      `${count(phones, 'numéro de téléphone', 'numéros de téléphone')}). ` +
      'Ce fichier contient des données sorties de rempart.',
    ...report.found.map(
      (contact) =>
        `  ${contact.kind === 'email' ? 'adresse électronique' : 'numéro de téléphone'} de la personne témoin ` +
        `${whose(contact)}, ligne${contact.lines.length > 1 ? 's' : ''} ${contact.lines.join(', ')}`,
    ),
    '',
  ].join('\n');
}

/**
 * The file's lines, read only once the check iterates: a readline interface made earlier would
 * emit lines while the check still awaits the database, and they would be lost.
 */
async function* linesOf(file: string): AsyncIterable<string> {
  yield* createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}

/**
 * `rempart canaries plant [--email-domain D]` plants the canaries the spaces lack (exit 0);
 * `rempart canaries check FILE` says how many canary contacts a file holds: exit 0 for none,
 * 1 when it holds some (the file comes from rempart), 2 when refused.
 */
export async function runCanariesCommand(
  args: string[],
  platform: Platform,
  io: { stdout: NodeJS.WritableStream },
): Promise<number> {
  const request = canariesArguments(args);
  if (request.command === 'plant') {
    const report = await plantCanaries(platform, { emailDomain: request.emailDomain });
    io.stdout.write(typeset(plantSummary(report)));
    return 0;
  }
  try {
    await access(request.file);
  } catch {
    throw new CliRefusal(`Erreur : fichier introuvable « ${request.file} ».`);
  }
  const report = await checkLeak(platform, linesOf(request.file));
  io.stdout.write(typeset(checkSummary(request.file, report)));
  return report.found.length > 0 ? 1 : 0;
}
