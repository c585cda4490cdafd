import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { createAccessLog } from './audit/index.js';
import type { AccessLog } from './audit/types.js';
import type { Config } from './config/config.js';
import { Keyring } from './crypto/keyring.js';
import { resolveMasterKey } from './crypto/master-key.js';
import type { Db } from './db/client.js';
import { migrate } from './db/migrate.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { createCeilingGuard, type Guard } from './guard/index.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { systemRandom, type Random } from './kernel/random.js';
import { createVault, type Vault } from './vault/index.js';

/** Everything wired once, for the server and for the CLI alike. */
export interface Platform {
  config: Config;
  db: Db;
  clock: Clock;
  random: Random;
  keyring: Keyring;
  accessLog: AccessLog;
  guard: Guard;
  vault: Vault;
  /** The key that signs access-log checkpoints and the retention anchor; never stored. */
  checkpointKey: Buffer;
  /** The key that makes device-proof nonces; never stored. */
  nonceKey: Buffer;
  /** The key of the hashes client addresses are stored as (sessions, throttling); never stored. */
  addressTagKey: Buffer;
  close(): Promise<void>;
}

/** Opens the database named by the configuration: PostgreSQL if DATABASE_URL, else PGlite. */
export async function openDatabase(config: Config): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const dir = path.join(config.dataDir, 'pglite');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return openPglite(dir);
}

/** Opens, migrates and wires the platform. The composition root for everything but HTTP. */
export async function openPlatform(
  config: Config,
  options: { clock?: Clock; random?: Random; logger?: Logger } = {},
): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const masterKey = await resolveMasterKey(config, random);
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) options.logger?.info({ migrations: applied }, 'migrations appliquées');
    const keyring = await Keyring.load(db, masterKey, random, clock);
    const accessLog = createAccessLog({ clock });
    const guard = createCeilingGuard(config.readCeilingPerDay);
    const vault = createVault({ db, keyring, accessLog, guard, clock });
    const checkpointKey = keyring.deriveOutsideKey('audit-checkpoint');
    const nonceKey = keyring.deriveOutsideKey('session-nonce');
    const addressTagKey = keyring.deriveOutsideKey('client-address');
    return {
      config,
      db,
      clock,
      random,
      keyring,
      accessLog,
      guard,
      vault,
      checkpointKey,
      nonceKey,
      addressTagKey,
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
