import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { appDepsOf } from './app-deps.js';
import { browserHost, type Config } from './config/config.js';
import { buildApp } from './http/app.js';
import { argon2Hasher } from './identity/login/argon2-hasher.js';
import { mfaRequirement, totpAllowed } from './identity/mfa-policy.js';
import { newTotpSecret } from './identity/totp/index.js';
import { createLinkMinter } from './identity/links.js';
import { MAX_TOKEN_TTL_MS } from './identity/tokens.js';
import { HOUSEKEEPING_EVERY_MS, purgeIdentityState } from './identity/housekeeping.js';
import { createMailer, createSmtpTransport } from './mail/index.js';
import { openPlatform } from './platform.js';
import { seedDemo } from './seed/index.js';

const CHECKPOINT_EVERY_MS = 60_000;

/** Demo data is made once: its marker is the accounts file the contract promises. */
async function ensureDemoData(config: Config, platform: Awaited<ReturnType<typeof openPlatform>>, logger: Logger) {
  const file = path.join(config.dataDir, 'demo-accounts.json');
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  const { rows } = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  if (rows[0]!.n > 0) return undefined;
  logger.info({ people: config.demoPeople }, 'création des données de démonstration');
  await seedDemo({
    db: platform.db,
    vault: platform.vault,
    dataDir: config.dataDir,
    people: config.demoPeople,
    seed: 2026,
    hashPassword: argon2Hasher.hash,
    enrolTotp: async (accountId, role) => {
      if (!totpAllowed(mfaRequirement(role))) return null;
      const secret = newTotpSecret(platform.random);
      await platform.db.transaction(async (tx) => {
        await platform.vault.storeTotpSecret(accountId, secret, tx);
        await tx.query('UPDATE totp_credentials SET confirmed_at = now() WHERE account_id = $1', [accountId]);
      });
      return secret;
    },
    // The link goes to demo-accounts.json (mode 0600, outside the database); the database
    // keeps only its token's hash, as for every link (issue 8, item 3).
    invite: async (accountId, role) => {
      if (mfaRequirement(role) !== 'passkey') return null;
      const mint = createLinkMinter({ publicUrl: config.publicUrl, clock: platform.clock, random: platform.random });
      return mint(platform.db, { accountId, purpose: 'invitation', ttlMs: MAX_TOKEN_TTL_MS });
    },
  });
  return file;
}

/** `rempart serve`: the platform on PORT, with demo data on first start in demo mode. */
export async function serve(config: Config, logger: Logger, out: NodeJS.WritableStream): Promise<number> {
  const platform = await openPlatform(config, { logger });
  const demoFile = config.mode === 'demo' ? await ensureDemoData(config, platform, logger) : undefined;
  const transport = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : null;
  const mintLink = createLinkMinter({ publicUrl: config.publicUrl, clock: platform.clock, random: platform.random });
  const mailer = createMailer({ ...platform, logger, transport, from: config.mailFrom, mintLink });
  mailer.start(30_000);
  const app = await buildApp(appDepsOf(platform, { logger }));
  platform.sealer.start();
  const checkpoint = () =>
    platform
      .checkpoint()
      .then((result) => {
        if (result.status === 'refused') logger.error({ reason: result.reason }, 'point de contrôle du journal refusé');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'point de contrôle du journal impossible'));
  await checkpoint();
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
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${browserHost(config.host)}:${port}/`;
  const demoLine = demoFile ? `Comptes de démonstration : ${demoFile}\n` : '';
  // One write, so that whoever waits for "prêt" also gets where the demo accounts are.
  out.write(`${demoLine}rempart est prêt : ${url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  clearInterval(housekeeping);
  await app.close();
  await mailer.stop();
  transport?.close();
  // The last entries are sealed, then a last checkpoint signed, before the database closes.
  await platform.sealer.stop();
  await checkpoint();
  await platform.close();
  return 0;
}
