import type { Logger } from 'pino';
import { runAuditCommand } from './audit/audit.cli.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { EnvelopeError } from './crypto/envelope.js';
import { createLogger } from './http/logger.js';
import { openPlatform, type Platform } from './platform.js';
import { runSeedCommand } from './seed/index.js';
import { serve } from './serve.js';
import { runKeysCommand } from './vault/keys.cli.js';

const usage = `Usage : rempart <commande>

  serve                        démarre la plateforme (commande par défaut)
  migrate                      applique les migrations de la base
  seed --people N [--seed S]   génère des données françaises réalistes
  audit verify                 vérifie la chaîne du journal des accès
  audit checkpoint             écrit un point de contrôle signé hors de la base
  audit purge [--days N]       supprime les entrées plus anciennes que la durée de conservation
  audit reads --account ID --from T1 --to T2
                               ce qu'un compte a consulté entre deux dates
  keys rotate [--batch-size N] [--settle-seconds S]
                               nouvelle version de clé et rechiffrement par lots
`;

type Command = (args: string[], platform: Platform, out: NodeJS.WritableStream) => Promise<number>;

const platformCommands: Record<string, Command> = {
  migrate: async (_args, _platform, out) => {
    out.write('Base de données à jour.\n');
    return 0;
  },
  seed: (args, platform, out) => runSeedCommand(args, { db: platform.db, vault: platform.vault, out }),
  audit: (args, platform, out) => runAuditCommand(args, platform, out),
  keys: (args, platform, out) => runKeysCommand(args, platform, out),
};

async function runWithPlatform(command: Command, args: string[], config: Config, logger: Logger): Promise<number> {
  const platform = await openPlatform(config, { logger });
  try {
    return await command(args, platform, process.stdout);
  } finally {
    await platform.close();
  }
}

/** The CLI: returns the process exit code. Known failures print one French sentence, no stack. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'serve', ...args] = argv;
  try {
    if (name === 'help' || name === '--help' || name === '-h') {
      process.stdout.write(usage);
      return 0;
    }
    const config = loadConfig();
    const logger = createLogger({ level: config.logLevel });
    if (name === 'serve') return await serve(config, logger, process.stdout);
    const command = platformCommands[name];
    if (!command) {
      process.stderr.write(`Commande inconnue : ${name}\n\n${usage}`);
      return 2;
    }
    return await runWithPlatform(command, args, config, logger);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvelopeError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`Arguments invalides : ${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}
