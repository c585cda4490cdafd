import path from 'node:path';
import type { Logger } from 'pino';
import { createAccessLog, createSealer, writeCheckpoint, type CheckpointResult, type Sealer } from './audit/index.js';
import type { AccessLog, ChainKeys } from './audit/types.js';
import type { Config } from './config/config.js';
import { Keyring } from './crypto/keyring.js';
import { resolveMasterKey } from './crypto/master-key.js';
import type { Db } from './db/client.js';
import { openDatabase, type OpenedDatabase } from './db/open.js';
import { configureGuard, guardSuspension } from './guard/index.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { systemRandom, type Random } from './kernel/random.js';
import { allPurposes } from './purposes.js';
import { createVault, pseudonymiseAddress, type Vault } from './vault/index.js';

/** The keys derived from the master key for uses outside the envelopes; none is ever stored. */
export interface PlatformKeys extends ChainKeys {
  /** Signs the nonces of device proofs. */
  nonceKey: Buffer;
  /** Keys the pseudonyms of citizens' addresses. */
  addressKey: Buffer;
}

/** Everything wired once, for the server, the CLI, the tests and the benches alike. */
export interface Platform {
  config: Config;
  db: Db;
  clock: Clock;
  random: Random;
  keyring: Keyring;
  accessLog: AccessLog;
  sealer: Sealer;
  vault: Vault;
  keys: PlatformKeys;
  /** Checks the chain since the last checkpoint, then signs a new one (or refuses, and alerts). */
  checkpoint(): Promise<CheckpointResult>;
  /** The schema's owner: for the purge's tests and for tampering tests only. */
  openOwner(): Promise<Db>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /** Tests: a master key without a file. */
  masterKey?: Buffer;
  /** Tests: an embedded database in memory rather than in DATA_DIR. */
  inMemory?: boolean;
}

/**
 * Opens, migrates and wires the platform: the one composition root. The HTTP app is built on
 * it (`buildApp`), and so are the CLI, the test helper (test/support/platform.ts) and the benches.
 */
export async function openPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const random = options.random ?? systemRandom;
  const masterKey = options.masterKey ?? (await resolveMasterKey(config, random));
  const opened = await openDatabase({
    databaseUrl: config.databaseUrl,
    databaseOwnerUrl: config.databaseOwnerUrl,
    pgliteDir: config.databaseUrl || options.inMemory ? undefined : path.join(config.dataDir, 'pglite'),
  });
  try {
    return await wirePlatform(opened, config, { ...options, masterKey });
  } catch (error) {
    await opened.db.close();
    throw error;
  }
}

/** Wires the platform on a database already open as the application's role. */
export async function wirePlatform(
  opened: OpenedDatabase,
  config: Config,
  options: PlatformOptions & { masterKey: Buffer },
): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const { db } = opened;
  if (opened.migrated.length > 0) options.logger?.info({ migrations: opened.migrated }, 'migrations appliquées');
  const keyring = await Keyring.load(db, options.masterKey, random, clock);
  const keys: PlatformKeys = {
    chainKey: keyring.deriveOutsideKey('audit-chain'),
    checkpointKey: keyring.deriveOutsideKey('audit-checkpoint'),
    nonceKey: keyring.deriveOutsideKey('session-nonce'),
    addressKey: keyring.deriveOutsideKey('client-address'),
  };
  const sealer = createSealer({
    db,
    chainKey: keys.chainKey,
    clock,
    onError: (error) => options.logger?.error({ err: error }, 'scellement du journal des accès impossible'),
  });
  const accessLog = createAccessLog({
    clock,
    onAppend: sealer.nudge,
    pseudonymise: (address) => pseudonymiseAddress(keys.addressKey, address),
  });
  const vault = createVault({
    db,
    keyring,
    clock,
    purposes: allPurposes,
    addressKey: keys.addressKey,
    onLogged: sealer.nudge,
    onSuspend: guardSuspension({ db, clock, random, accessLog }),
  });
  await configureGuard(db, config, vault.purposes.all());
  // A checkpoint chain may start from nothing only on a platform this process has just made,
  // or just upgraded to the keyed log: facts a database writer cannot fake.
  const mayStartFresh = keyring.createdNow || opened.migrated.includes('0004_one_door.sql');
  return {
    config,
    db,
    clock,
    random,
    keyring,
    accessLog,
    sealer,
    vault,
    keys,
    checkpoint: () => writeCheckpoint({ db, dir: config.auditCheckpointDir, clock, random, mayStartFresh, ...keys }),
    openOwner: opened.openOwner,
    close: async () => {
      await sealer.stop();
      await db.close();
    },
  };
}
