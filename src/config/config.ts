import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAIL_FROM, mailFromSchema, smtpUrlSchema } from '../mail/smtp.js';

/** Raised when the environment cannot make a safe configuration. Its message is French. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const masterKey = z
  .string()
  .trim()
  .refine((value) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value), {
    message: 'REMPART_MASTER_KEY doit être une clé de 32 octets encodée en base64 (44 caractères).',
  });

const schema = z.object({
  REMPART_MODE: z.enum(['demo', 'production']).default('demo'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgres:// ou postgresql://.')
    .optional(),
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_OWNER_URL doit commencer par postgres:// ou postgresql://.')
    .optional(),
  REMPART_MASTER_KEY: masterKey.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_PEOPLE: z.coerce.number().int().min(50).max(1_000_000).default(2000),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  READ_CEILING_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(200),
  SMTP_URL: smtpUrlSchema.optional(),
  MAIL_FROM: mailFromSchema.default(DEFAULT_MAIL_FROM),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL doit être une adresse http(s) absolue.' }).optional(),
  TRUST_PROXY: z.string().min(1).optional(),
});

export type Config = Readonly<{
  mode: 'demo' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * The role that owns the schema and runs migrations, when it is not DATABASE_URL's: the
   * application's own login then never holds the rights to rewrite the access log.
   */
  databaseOwnerUrl: string | undefined;
  masterKey: Buffer | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  demoPeople: number;
  auditCheckpointDir: string;
  auditRetentionDays: number;
  readCeilingPerDay: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address users reach the platform at, for links in e-mails. */
  publicUrl: string;
  /** Proxies whose X-Forwarded-For is believed (Fastify trustProxy); none by default. */
  trustProxy: string | undefined;
}>;

/**
 * Turns the environment into a frozen configuration. Production mode refuses to start without
 * an explicit master key: there is no default secret and no plaintext fallback.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join('.')} : ${issue.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (values.REMPART_MODE === 'production' && !values.REMPART_MASTER_KEY) {
    throw new ConfigError(
      'Configuration invalide :\n- REMPART_MASTER_KEY : obligatoire en mode production (aucune clé par défaut, aucune donnée en clair).',
    );
  }
  if (values.REMPART_MODE === 'production' && !values.SMTP_URL) {
    throw new ConfigError(
      'Configuration invalide :\n- SMTP_URL : obligatoire en mode production, sans quoi les avis de sécurité ne partiraient jamais.',
    );
  }
  if (values.DATABASE_OWNER_URL && !values.DATABASE_URL) {
    throw new ConfigError(
      'Configuration invalide :\n- DATABASE_OWNER_URL : ne sert qu’avec DATABASE_URL (le rôle de l’application).',
    );
  }
  const dataDir = path.resolve(values.DATA_DIR);
  return Object.freeze({
    mode: values.REMPART_MODE,
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    databaseOwnerUrl: values.DATABASE_OWNER_URL,
    masterKey: values.REMPART_MASTER_KEY ? Buffer.from(values.REMPART_MASTER_KEY, 'base64') : undefined,
    logLevel: values.LOG_LEVEL,
    demoPeople: values.DEMO_PEOPLE,
    auditCheckpointDir: path.resolve(values.AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit')),
    auditRetentionDays: values.AUDIT_RETENTION_DAYS,
    readCeilingPerDay: values.READ_CEILING_PER_DAY,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    publicUrl: (values.PUBLIC_URL ?? `http://${browserHost(values.HOST)}:${values.PORT}`).replace(/\/$/, ''),
    trustProxy: values.TRUST_PROXY,
  });
}

/**
 * The host name a browser should use for a listening address. Passkeys need a domain name, not
 * an IP address (WebAuthn's relying party id), and browsers treat `localhost` as secure; so a
 * loopback or wildcard address is reached as `localhost`.
 */
export function browserHost(host: string): string {
  return ['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(host) ? 'localhost' : host;
}
