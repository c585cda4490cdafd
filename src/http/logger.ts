import pino from 'pino';
import pretty from 'pino-pretty';
import { serializeError, serializeReply, serializeRequest } from './log-serializers.js';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level: string;
  /** Where the lines go; standard output by default. Tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
  /**
   * Readable lines for a person at a terminal (time, level, message, then the fields), instead
   * of one JSON object per line for a log collector. The same redaction runs either way.
   */
  pretty?: boolean;
}

// Keys whose values are secrets or personal data, in the spellings our code and clients use.
// Redaction is the second line of defence: the serializers already drop URLs, headers and bodies.
const SENSITIVE_KEYS = [
  // credentials and session material (ASVS V7.1.1: no session tokens or credentials in logs)
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'newPassword',
  'currentPassword',
  'motDePasse',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'totp',
  'totpSecret',
  'otp',
  'apiKey',
  // identity and contact details (GDPR art. 4(1): any data that identifies a person)
  'email',
  'mail',
  'courriel',
  'e-mail',
  'phone',
  'telephone',
  'téléphone',
  'mobile',
  'name',
  'firstName',
  'lastName',
  'fullName',
  'birthName',
  'nom',
  'prenom',
  'prénom',
  'nomNaissance',
  'nomUsage',
  'address',
  'adresse',
  'postalAddress',
  'birthDate',
  'dateNaissance',
  'franceTravailId',
  'identifiant',
  'identifiantFranceTravail',
  'nir',
  'ip',
  'remoteAddress',
] as const;

// fast-redact wildcards match one level each; four levels cover `req.headers.cookie` and
// `{ person: { contact: { email } } }` without scanning whole objects on every line.
const PREFIXES = ['', '*', '*.*', '*.*.*'] as const;

/** Every redaction path, e.g. `email`, `*.email`, `*["set-cookie"]`, `*.*.*.prénom`. */
export const redactPaths: readonly string[] = SENSITIVE_KEYS.flatMap((key) =>
  PREFIXES.map((prefix) => {
    if (/^[A-Za-z_$][\w$]*$/.test(key)) return prefix === '' ? key : `${prefix}.${key}`;
    return `${prefix}[${JSON.stringify(key)}]`;
  }),
);

/** The text that replaces a redacted value. */
export const REDACTED = '[masqué]';

const DEFAULT_ERROR_MESSAGE = 'erreur (message non journalisé)';

/**
 * The one way to make a logger. Redaction and the whitelisting serializers are always on, in
 * every mode and in tests (an Outline fault we avoid: redaction that only ran in production).
 */
export function createLogger(options: LoggerOptions): pino.Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: [...redactPaths], censor: REDACTED },
    serializers: { req: serializeRequest, res: serializeReply, err: serializeError },
    hooks: { logMethod: withoutErrorMessages },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.pretty) return pino(settings, readableLines(options.destination ?? process.stdout));
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/**
 * pino-pretty in this process, as a stream: it formats lines pino has already redacted and
 * serialized, so nothing reaches it that the JSON output would not show.
 */
function readableLines(destination: NodeJS.WritableStream): NodeJS.WritableStream {
  const colour = 'isTTY' in destination && destination.isTTY === true;
  return pretty({
    destination,
    sync: true,
    colorize: colour,
    translateTime: 'SYS:HH:MM:ss',
    // The request id matters to a collector joining lines, not to a person reading them.
    ignore: 'pid,hostname,reqId',
    singleLine: true,
  });
}

/**
 * pino uses an error's message as the log line's message when none is given; error messages
 * quote input values, so a fixed message takes its place.
 */
function withoutErrorMessages(this: pino.Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const [first, second] = args as unknown[];
  if (typeof second === 'string') return method.apply(this, args);
  if (first instanceof Error) return method.call(this, { err: first }, DEFAULT_ERROR_MESSAGE);
  if (typeof first === 'object' && first !== null && 'err' in first) {
    return method.call(this, first, DEFAULT_ERROR_MESSAGE);
  }
  return method.apply(this, args);
}
