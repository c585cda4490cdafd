import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Platform } from '../platform.js';
import { bootstrapAdmins, BootstrapRefused, relinkBootstrapAdmin } from './admins-bootstrap.js';
import { CliRefusal } from './args.js';
import { typeset } from './french.js';

const emailSchema = z.email();

/** What `rempart admins` was asked to do. */
export type AdminsRequest = { command: 'bootstrap'; emails: [string, string] } | { command: 'relink'; email: string };

function checkedEmail(value: string): string {
  const email = value.trim();
  if (!emailSchema.safeParse(email).success)
    throw new CliRefusal(`Erreur : « ${email} » n’est pas une adresse électronique.`);
  return email;
}

/**
 * The arguments of `admins bootstrap` (exactly two distinct, well-formed e-mails) or `admins
 * relink` (one). Checked before the database is opened, so a typo is answered at once.
 */
export function adminsArguments(args: string[]): AdminsRequest {
  const { values } = parseArgs({
    args: args.slice(1),
    options: { email: { type: 'string', multiple: true } },
    strict: true,
    allowPositionals: false,
  });
  const given = values.email ?? [];
  if (args[0] === 'relink') {
    if (given.length !== 1)
      throw new CliRefusal('Erreur : il faut exactement une fois --email, celle de l’administrateur.');
    return { command: 'relink', email: checkedEmail(given[0]!) };
  }
  if (given.length !== 2)
    throw new CliRefusal('Erreur : il faut exactement deux fois --email, une par administrateur.');
  const emails = given.map(checkedEmail);
  if (emails[0]!.toLowerCase() === emails[1]!.toLowerCase())
    throw new CliRefusal('Erreur : les deux adresses doivent être différentes : deux personnes, pas une.');
  return { command: 'bootstrap', emails: [emails[0]!, emails[1]!] };
}

/**
 * `rempart admins bootstrap --email A --email B`: an installation's first two administrators,
 * with the invitation link each of them opens; `rempart admins relink --email A`: a new link for
 * one of them whose invitation is not complete. Exit code 2 when refused, with one French line.
 */
export async function runAdminsCommand(
  args: string[],
  platform: Platform,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const request = adminsArguments(args);
  try {
    if (request.command === 'relink') {
      const publicUrl = platform.config.publicUrl;
      const link = await relinkBootstrapAdmin({ ...platform, publicUrl }, request.email);
      io.stdout.write(
        typeset(
          [
            `Nouveau lien d’invitation pour ${request.email}, à usage unique et valable 7 jours ; tout lien`,
            'précédent de ce compte ne fonctionne plus :',
            `  ${link}`,
            'Remettez-le à la seule personne concernée, par un canal sûr.',
            '',
          ].join('\n'),
        ),
      );
      return 0;
    }
    const emails = request.emails;
    const links = await bootstrapAdmins({ ...platform, publicUrl: platform.config.publicUrl }, emails);
    const width = Math.max(...links.map(({ email }) => email.length));
    io.stdout.write(
      typeset(
        [
          'Les deux premiers administrateurs sont créés. Chacun ouvre son propre lien, à usage unique et',
          'valable 7 jours, pour choisir son mot de passe puis enregistrer sa clé d’accès :',
          ...links.map(({ email, link }) => `  ${email.padEnd(width)}  ${link}`),
          'Remettez chaque lien à la seule personne concernée, par un canal sûr : qui l’ouvre active le compte.',
          'Tout autre compte du personnel sera demandé par une personne et approuvé par une autre.',
          '',
        ].join('\n'),
      ),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BootstrapRefused)) throw error;
    io.stderr.write(typeset(`${error.message}\n`));
    return 2;
  }
}
