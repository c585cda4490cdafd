import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { progressBar } from '../cli/progress.js';
import type { Config } from '../config/config.js';
import { argon2Hasher } from '../identity/login/argon2-hasher.js';
import { mfaRequirement, totpAllowed } from '../identity/mfa-policy.js';
import { createLinkMinter } from '../identity/links.js';
import { MAX_TOKEN_TTL_MS } from '../identity/tokens.js';
import { newTotpSecret } from '../identity/totp/index.js';
import type { Platform } from '../platform.js';
import { seedDemo } from '../seed/index.js';
import { plantCanaries } from '../seed/canaries/index.js';

/** Where demo mode lists its accounts; the file is also the marker that demo data exist. */
export function demoAccountsPath(config: Config): string {
  return path.join(config.dataDir, 'demo-accounts.json');
}

/** Whether demo mode has made its data: the accounts file the contract promises is there. */
export function hasDemoData(config: Config): Promise<boolean> {
  return access(demoAccountsPath(config)).then(
    () => true,
    () => false,
  );
}

/**
 * Demo data is made once, on an empty database, with a progress bar on standard error (one line
 * per tenth when it is not a terminal). Returns the accounts file, or undefined when the
 * database already held accounts of its own.
 */
export async function ensureDemoData(config: Config, platform: Platform, logger: Logger): Promise<string | undefined> {
  if (await hasDemoData(config)) return demoAccountsPath(config);
  const { rows } = await platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  if (rows[0]!.n > 0) return undefined;
  logger.info({ people: config.demoPeople }, 'création des données de démonstration');
  const bar = progressBar('Personnes fictives de démonstration');
  const mint = createLinkMinter({ publicUrl: config.publicUrl, clock: platform.clock, random: platform.random });
  try {
    const { accountsFile } = await seedDemo({
      db: platform.db,
      vault: platform.vault,
      dataDir: config.dataDir,
      people: config.demoPeople,
      seed: 2026,
      hashPassword: argon2Hasher.hash,
      onProgress: (done, total) => bar.update(done, total),
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
        return mint(platform.db, { accountId, purpose: 'invitation', ttlMs: MAX_TOKEN_TTL_MS });
      },
    });
    // Canaries where an attacker goes and no demo task leads (issue 11, src/seed/canaries/).
    await plantCanaries(platform);
    return accountsFile;
  } finally {
    bar.stop();
  }
}
