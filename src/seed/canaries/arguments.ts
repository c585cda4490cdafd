import { parseArgs } from 'node:util';
import { CliRefusal } from '../../cli/args.js';

/** What `rempart canaries` was asked to do. */
export type CanariesRequest = { command: 'plant'; emailDomain?: string } | { command: 'check'; file: string };

/** A domain name of at least two labels, as a mailbox is reached at. */
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The arguments of `canaries plant [--email-domain D]` and `canaries check FILE`, checked before the database opens. */
export function canariesArguments(args: string[]): CanariesRequest {
  if (args[0] === 'check') {
    const { positionals } = parseArgs({ args: args.slice(1), options: {}, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new CliRefusal('Erreur : indiquez un seul fichier à vérifier.');
    return { command: 'check', file: positionals[0]! };
  }
  const { values } = parseArgs({
    args: args.slice(1),
    options: { 'email-domain': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const domain = values['email-domain']?.trim().toLowerCase();
  if (domain !== undefined && !DOMAIN.test(domain)) {
    throw new CliRefusal(`Erreur : « ${domain} » n’est pas un nom de domaine.`);
  }
  return { command: 'plant', ...(domain ? { emailDomain: domain } : {}) };
}
