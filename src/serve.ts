import type { Logger } from 'pino';
import { appDepsOf } from './app-deps.js';
import { CliRefusal } from './cli/args.js';
import { typeset } from './cli/french.js';
import { browserHost, type Config } from './config/config.js';
import { buildApp } from './http/app.js';
import { TerminalRequestLogs } from './http/terminal-request-logs.js';
import { HOUSEKEEPING_EVERY_MS, purgeIdentityState } from './identity/housekeeping.js';
import { createLinkMinter } from './identity/links.js';
import { allJobs, type JobDeps } from './jobs.js';
import { runDueJobs } from './jobs/index.js';
import { createMailer, createNotify, createSmtpTransport } from './mail/index.js';
import { openPlatform, type Platform } from './platform.js';
import { ensureDemoData, hasDemoData } from './serve/demo-data.js';
import { readDemoGuide, readyMessage } from './serve/ready-message.js';

const CHECKPOINT_EVERY_MS = 60_000;

/** Where `rempart serve` talks to the person who started it. */
export interface ServeIo {
  /** The ready message, with what to do next in demo mode. */
  out: NodeJS.WritableStream;
  /** What happens on a first start, while it takes time. */
  err: NodeJS.WritableStream;
  /** A person at a terminal: Fastify's per-request lines stay out of the default level. */
  terminal: boolean;
}

const JOBS_EVERY_MS = 30_000;

/**
 * The access log's signed checkpoints, the purge of spent login data, and the domains' scheduled
 * jobs (src/jobs.ts), every minute or so.
 */
function startHousekeeping(platform: Platform, logger: Logger) {
  const checkpoint = () =>
    platform
      .checkpoint()
      .then((result) => {
        if (result.status === 'refused') logger.error({ reason: result.reason }, 'point de contrôle du journal refusé');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'point de contrôle du journal impossible'));
  const timer = setInterval(checkpoint, CHECKPOINT_EVERY_MS);
  timer.unref();
  const housekeeping = setInterval(
    () =>
      purgeIdentityState(platform.db, platform.clock.now()).catch((error: unknown) =>
        logger.error({ err: error }, 'nettoyage des données de connexion impossible'),
      ),
    HOUSEKEEPING_EVERY_MS,
  );
  housekeeping.unref();
  const jobDeps: JobDeps = { platform, notify: createNotify(platform), logger };
  const jobs = setInterval(
    () =>
      runDueJobs(platform.db, platform.clock, allJobs, jobDeps)
        .then((outcomes) => outcomes.filter((o) => !o.ok).forEach((o) => logger.error(o, 'tâche planifiée en échec')))
        .catch((error: unknown) => logger.error({ err: error }, 'tâches planifiées impossibles')),
    JOBS_EVERY_MS,
  );
  jobs.unref();
  return {
    checkpoint,
    stop: () => {
      clearInterval(timer);
      clearInterval(housekeeping);
      clearInterval(jobs);
    },
  };
}

function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** The usual reasons a server cannot listen, said in French instead of a Node stack trace. */
function listenRefusal(error: unknown, config: Config): CliRefusal | null {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new CliRefusal(`Le port ${where} est déjà pris : arrêtez l’autre programme ou choisissez un autre PORT.`);
  if (code === 'EACCES')
    return new CliRefusal(`Écoute sur ${where} refusée par le système : choisissez un PORT au-dessus de 1023.`);
  if (code === 'EADDRNOTAVAIL') return new CliRefusal(`L’adresse HOST=${config.host} n’existe pas sur cette machine.`);
  return null;
}

/** `rempart serve`: the platform on PORT, with demo data on first start in demo mode. */
export async function serve(config: Config, logger: Logger, io: ServeIo): Promise<number> {
  if (config.mode === 'demo' && !(await hasDemoData(config))) {
    // Creating the database and the demo people takes a while; say so before it starts.
    io.err.write(typeset('Premier démarrage en mode démo : préparation de la base de données…\n'));
  }
  const platform = await openPlatform(config, { logger });
  const demoFile = config.mode === 'demo' ? await ensureDemoData(config, platform, logger) : undefined;
  const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null;
  const mintLink = createLinkMinter({ publicUrl: config.publicUrl, clock: platform.clock, random: platform.random });
  const mailer = createMailer({ ...platform, logger, transport, from: config.mailFrom, mintLink });
  mailer.start(30_000);
  const app = await buildApp({
    ...appDepsOf(platform, { logger }),
    ...(io.terminal ? { requestLogs: new TerminalRequestLogs() } : {}),
  });
  platform.sealer.start();
  const housekeeping = startHousekeeping(platform, logger);
  await housekeeping.checkpoint();
  const stop = async () => {
    housekeeping.stop();
    await app.close();
    await mailer.stop();
    transport?.close();
    // The last entries are sealed, then a last checkpoint signed, before the database closes.
    await platform.sealer.stop();
    await housekeeping.checkpoint();
    await platform.close();
  };
  try {
    await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `à l’écoute sur ${address}`,
    });
  } catch (error) {
    await stop();
    throw listenRefusal(error, config) ?? error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${browserHost(config.host)}:${port}/`;
  // One write, so that whoever waits for "prêt" also gets what to do next.
  io.out.write(readyMessage(url, demoFile ? await readDemoGuide(demoFile, config.publicUrl) : undefined));
  await untilSignal();
  await stop();
  return 0;
}
