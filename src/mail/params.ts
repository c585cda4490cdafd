import { roleLabels } from '../kernel/roles.js';
import type { Role } from '../vault/index.js';

/*
 * What a mail's parameters may hold. The outbox is a plain table, outside the vault, so its
 * params must never carry personal data (GDPR art. 5(1)(c), DESIGN.md promise 4) nor a secret:
 * only dates, device labels and codes that the template turns into French words. A message's
 * single-use link is not a parameter: it is minted at delivery (see mint.ts). Each parameter has
 * a kind, and a value that does not fit its kind is refused at enqueue time, in the caller's
 * transaction, so a mistake fails loudly instead of sitting in the table.
 */

/** The kinds of value a template parameter can hold. */
export type ParamKind = 'datetime' | 'device' | 'role' | 'mfaChange' | 'count';

/** French labels of the roles, as an invitation names them. */
export { roleLabels };

/** The changes to a second factor that the `mfa_changed` notice can report, in French. */
export const mfaChangeLabels = {
  passkey_added: 'une clé d’accès a été ajoutée',
  passkey_removed: 'une clé d’accès a été supprimée',
  totp_enabled: 'une application d’authentification (code TOTP) a été activée',
  totp_disabled: 'l’application d’authentification (code TOTP) a été désactivée',
  recovery_codes_renewed: 'de nouveaux codes de secours ont été créés',
} as const;

export type MfaChange = keyof typeof mfaChangeLabels;

/** Raised when a mail's parameters do not fit its template. Names parameters, never values. */
export class MailParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailParamsError';
  }
}

const MAX_LINK_LENGTH = 2048;
const MAX_DEVICE_LENGTH = 80;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Control characters could forge extra lines in the plain-text body.
const hasControl = (value: string) => [...value].some((char) => char < ' ' || char === '\u007f');

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** Whether `value` is a web link with no credentials and no '@' (it carries a token, not an address). */
export function isLink(value: string): boolean {
  if (value.length > MAX_LINK_LENGTH || value.includes('@')) return false;
  try {
    const url = new URL(value);
    // Only web links: a `javascript:` or `data:` href in a mail or the demo page would run code.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const checks: Record<ParamKind, (value: string) => boolean> = {
  datetime: (value) => ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value)),
  device: (value) => value.trim() !== '' && value.length <= MAX_DEVICE_LENGTH && !hasControl(value),
  role: (value) => Object.hasOwn(roleLabels, value),
  mfaChange: (value) => Object.hasOwn(mfaChangeLabels, value),
  // A number of things (new offers): digits only, so nothing else can ride in it.
  count: (value) => /^[1-9]\d{0,5}$/.test(value),
};

/**
 * Checks that `params` has exactly the parameters of `spec`, each of its kind. No value may hold
 * an '@', which stops an e-mail address slipping in.
 */
export function checkParams(
  template: string,
  spec: Readonly<Record<string, ParamKind>>,
  params: Readonly<Record<string, unknown>>,
): asserts params is Record<string, string> {
  const unknown = Object.keys(params).filter((name) => !Object.hasOwn(spec, name));
  if (unknown.length > 0) throw new MailParamsError(`${template} : paramètres inconnus (${unknown.join(', ')}).`);
  for (const [name, kind] of Object.entries(spec)) {
    const value = params[name];
    if (typeof value !== 'string') throw new MailParamsError(`${template} : paramètre « ${name} » manquant.`);
    if (value.includes('@') || !checks[kind](value)) {
      throw new MailParamsError(`${template} : paramètre « ${name} » invalide (attendu : ${kind}).`);
    }
  }
}

/** The French words a parameter stands for in a message. */
export function displayParam(kind: ParamKind, value: string): string {
  switch (kind) {
    case 'datetime':
      return `${parisTime.format(new Date(value))} (heure de Paris)`;
    case 'role':
      return roleLabels[value as Role];
    case 'mfaChange':
      return mfaChangeLabels[value as MfaChange];
    default:
      return value;
  }
}
