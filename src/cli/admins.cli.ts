import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Platform } from '../platform.js';
import { bootstrapAdmins, BootstrapRefused } from './admins-bootstrap.js';
import { CliRefusal } from './args.js';
import { typeset } from './french.js';

const emailSchema = z.email();

/**
 * The arguments of `admins bootstrap`: exactly two distinct, well-formed e-mails. Checked before
 * the database is opened, so a typo is answered at once.
 */
export function adminsArguments(args: string[]): [string, string] {
  const { values } = parseArgs({
    args: args.slice(1),
    options: { email: { type: 'string', multiple: true } },
    strict: true,
    allowPositionals: false,
  });
  const emails = (values.email ?? []).map((value) => value.trim());
  if (emails.length !== 2)
    throw new CliRefusal('Erreur : il faut exactement deux fois --email, une par administrateur.');
  const bad = emails.find((email) => !emailSchema.safeParse(email).success);
  if (bad !== undefined) throw new CliRefusal(`Erreur : « ${bad} » n’est pas une adresse électronique.`);
  if (emails[0]!.toLowerCase() === emails[1]!.toLowerCase())
    throw new CliRefusal('Erreur : les deux adresses doivent être différentes : deux personnes, pas une.');
  return [emails[0]!, emails[1]!];
}

/**
 * `rempart admins bootstrap --email A --email B`: an installation's first two administrators,
 * with the invitation link each of them opens. Exit code 2 when refused, with one French line.
 */
export async function runAdminsCommand(
  args: string[],
  platform: Platform,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  const emails = adminsArguments(args);
  try {
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
