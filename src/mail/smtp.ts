import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';

/** The sender when MAIL_FROM is not set: a reserved domain, so nothing leaves by mistake. */
export const DEFAULT_MAIL_FROM = 'rempart <ne-pas-repondre@rempart.localhost>';

/** Where and how to reach the SMTP server, as read from SMTP_URL. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** smtps:// : TLS from the first byte (port 465 by default). */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

// The messages never quote the URL itself: it may hold the SMTP password.
const problem = (detail: string) =>
  new Error(`SMTP_URL est invalide : ${detail} Exemple : smtps://utilisateur:mot-de-passe@smtp.exemple.fr:465`);

/**
 * Reads SMTP_URL (`smtp://[user:password@]host[:port]` or `smtps://…`). Throws an Error with a
 * French message, which never repeats the URL, when it is not a usable SMTP address.
 */
export function parseSmtpUrl(value: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw problem('ce n’est pas une adresse (URL) lisible.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw problem('elle doit commencer par smtp:// ou smtps://.');
  }
  if (url.hostname === '') throw problem('le nom du serveur manque.');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw problem('elle ne doit contenir ni chemin, ni paramètres, ni fragment.');
  }
  if (url.password !== '' && url.username === '') throw problem('un mot de passe est donné sans utilisateur.');
  const secure = url.protocol === 'smtps:';
  return {
    // An IPv6 literal keeps its brackets in a URL, but not in a socket's host.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}

/** SMTP_URL for the configuration schema: the same check as {@link parseSmtpUrl}. */
export const smtpUrlSchema = z.string().superRefine((value, context) => {
  try {
    parseSmtpUrl(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** MAIL_FROM for the configuration schema: `adresse` or `Nom <adresse>`, on one line. */
export const mailFromSchema = z
  .string()
  .trim()
  .regex(
    /^(?:[^<>\r\n@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    'MAIL_FROM doit être une adresse électronique, éventuellement précédée d’un nom : rempart <ne-pas-repondre@exemple.fr>.',
  );

/**
 * A nodemailer transport for SMTP_URL. Certificates are always verified (nodemailer's default,
 * never turned off here). Over smtp:// to anything but this machine, STARTTLS is required, so
 * that a relay which does not offer it fails the delivery rather than receiving mail in clear
 * (ANSSI, recommandations TLS; RFC 8314 §3 prefers implicit TLS, i.e. smtps://).
 */
export function createSmtpTransport(value: string): Transporter {
  const settings = parseSmtpUrl(value);
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && !LOOPBACK.has(settings.host),
    auth: settings.user === undefined ? undefined : { user: settings.user, pass: settings.password ?? '' },
    // A stuck server must not hold the delivery loop: give up and retry later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
