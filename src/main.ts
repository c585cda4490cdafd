import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { adminsArguments } from './cli/admins.cli.js';
import { offersArguments } from './offers/import/import.cli.js';
import { canariesArguments } from './seed/canaries/arguments.js';
import { CliRefusal, frenchArgsError, isArgsError } from './cli/args.js';
import { typeset } from './cli/french.js';
import { commandHelp, generalHelp, helpOf } from './cli/help.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { EnvelopeError } from './crypto/envelope.js';
import { createLogger } from './http/logger.js';
import type { Platform } from './platform.js';

/** Where the CLI reads its settings and writes; the process's own, or a test's. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const processIo: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };

type Command = (args: string[], platform: Platform, io: CliIo) => Promise<number>;

/** Refuses any argument: for the commands that take none. */
const noArguments = (args: string[]) => parseArgs({ args, options: {}, strict: true, allowPositionals: false });

/** Arguments checked before the configuration is read and the database opened. */
const argumentChecks: Record<string, (args: string[]) => unknown> = {
  serve: noArguments,
  migrate: noArguments,
  admins: adminsArguments,
  offers: offersArguments,
  canaries: canariesArguments,
};

// Each command's code is loaded only when it runs: help and refusals answer at once, without
// loading the server, the database engine and the vault.
const platformCommands: Record<string, Command> = {
  migrate: async (_args, _platform, io) => {
    io.stdout.write('Base de données à jour.\n');
    return 0;
  },
  seed: async (args, platform, io) => {
    const { runSeedCommand } = await import('./seed/index.js');
    const { plantCanaries } = await import('./seed/canaries/index.js');
    return runSeedCommand(args, {
      db: platform.db,
      vault: platform.vault,
      out: io.stdout,
      err: io.stderr,
      plantCanaries: async () =>
        Object.values(await plantCanaries(platform)).reduce((sum, space) => sum + space.planted, 0),
    });
  },
  audit: async (args, platform, io) =>
    (await import('./audit/audit.cli.js')).runAuditCommand(args, platform, io.stdout),
  keys: async (args, platform, io) => (await import('./vault/keys.cli.js')).runKeysCommand(args, platform, io.stdout),
  admins: async (args, platform, io) => (await import('./cli/admins.cli.js')).runAdminsCommand(args, platform, io),
  offers: async (args, platform, io) =>
    (await import('./offers/import/import.cli.js')).runOffersCommand(args, platform, io),
  canaries: async (args, platform, io) =>
    (await import('./seed/canaries/cli.js')).runCanariesCommand(args, platform, io),
};

async function runWithPlatform(
  name: string,
  args: string[],
  config: Config,
  logger: Logger,
  io: CliIo,
): Promise<number> {
  const { openPlatform } = await import('./platform.js');
  const platform = await openPlatform(config, { logger });
  try {
    const code = await platformCommands[name]!(args, platform, io);
    if (writingCommands.has(name)) await sealAndCheckpoint(platform, io);
    return code;
  } finally {
    await platform.close();
  }
}

/** The commands that append to the access log (and `migrate`, which may make the platform). */
const writingCommands = new Set(['migrate', 'seed', 'keys', 'admins', 'canaries']);

/**
 * A command that wrote leaves the access log as `serve` does when it stops: its entries sealed,
 * then a checkpoint signed outside the database. The first one must come from the process that
 * made the platform's keys, or the chain could never start (src/platform.ts, mayStartFresh).
 */
async function sealAndCheckpoint(platform: Platform, io: CliIo): Promise<void> {
  await platform.sealer.stop();
  const result = await platform.checkpoint();
  if (result.status === 'refused') {
    io.stderr.write(typeset(`Attention : point de contrôle du journal refusé (${result.reason}).\n`));
  }
}

/**
 * What needs no configuration: help (also with no argument at all, rather than starting a server
 * by surprise), an unknown command, a missing sub-command. Returns an exit code, or null to run.
 */
function answerWithoutRunning(name: string | undefined, args: string[], io: CliIo): number | null {
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? args[0] : undefined;
    if (topic !== undefined && !commandHelp[topic]) return unknownCommand(topic, io);
    io.stdout.write(topic ? helpOf(topic) : generalHelp());
    return 0;
  }
  const help = commandHelp[name];
  if (!help) return unknownCommand(name, io);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(helpOf(name));
    return 0;
  }
  if (help.subcommands && !help.subcommands.includes(args[0] ?? '')) {
    const expected = help.subcommands.map((sub) => `« ${sub} »`).join(', ');
    io.stderr.write(typeset(`« rempart ${name} » attend l’une de ces sous-commandes : ${expected}.\n\n`));
    io.stderr.write(helpOf(name));
    return 2;
  }
  return null;
}

function unknownCommand(name: string, io: CliIo): number {
  io.stderr.write(typeset(`Commande inconnue : « ${name} ».\n\n`));
  io.stderr.write(generalHelp());
  return 2;
}

/** The synopsis of the sub-command used, or every synopsis of the command. */
function synopsisOf(name: string, sub: string | undefined): string {
  const lines = commandHelp[name]!.synopsis;
  return lines.find((line) => sub && line.startsWith(`rempart ${name} ${sub}`)) ?? lines.join(' | ');
}

/** The CLI: returns the process exit code. Known failures print one French sentence, no stack. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const answered = answerWithoutRunning(name, args, io);
  if (answered !== null || name === undefined) return answered ?? 0;
  try {
    argumentChecks[name]?.(args);
    const config = loadConfig(io.env);
    // A person at a terminal reads lines; a collector reads JSON. Redaction is the same.
    const terminal = 'isTTY' in io.stdout && io.stdout.isTTY === true;
    const logger = createLogger({ level: config.logLevel, pretty: terminal, destination: io.stdout });
    if (name === 'serve') {
      const { serve } = await import('./serve.js');
      return await serve(config, logger, { out: io.stdout, err: io.stderr, terminal });
    }
    return await runWithPlatform(name, args, config, logger, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EnvelopeError || error instanceof CliRefusal) {
      io.stderr.write(typeset(`${error.message}\n`));
      return 2;
    }
    if (isArgsError(error)) {
      io.stderr.write(`${frenchArgsError(error, name, synopsisOf(name, args[0]))}\n`);
      return 2;
    }
    throw error;
  }
}
