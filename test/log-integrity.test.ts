import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { verifyAccessLog } from '../src/audit/index.js';
import { sealMac } from '../src/audit/seals.js';
import { withoutTriggers } from '../src/audit/testing.js';
import { loadConfig, type Config } from '../src/config/config.js';
import type { Db } from '../src/db/client.js';
import { testMasterKey } from '../src/http/test-helpers.js';
import { openPlatform, type Platform } from '../src/platform.js';
import { seedPeople } from '../src/seed/seed.purposes.js';
import { platformActor } from '../src/vault/index.js';
import { createPostgresDatabase, engines, type Engine } from './support/databases.js';
import { person } from './support/fixtures.js';
import { prepareDataDir } from './support/pglite-template.js';

/*
 * Issue 7, « a log nobody can rewrite from the database »: the application's role cannot change
 * the log; an edited entry with its seal recomputed without the key is found before and after a
 * restart; a server started on a forged log signs nothing and alerts; deleted checkpoints fail
 * the verifier; and a server killed during a burst of reads loses no committed entry.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A platform's settings on a data directory of its own: PGlite there, started from the run's
 * migrated cluster (an initdb of its own took about 7 s a test), or a new PostgreSQL database.
 */
async function settings(engine: Engine, env: Record<string, string> = {}): Promise<Config> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-integrity-'));
  dirs.push(dataDir);
  if (engine === 'pglite') await prepareDataDir(inject('pgliteTemplate'), dataDir);
  const database = engine === 'postgres' ? { DATABASE_URL: await createPostgresDatabase() } : {};
  return loadConfig({ DATA_DIR: dataDir, ...database, ...env });
}

const open = (config: Config) => openPlatform(config, { masterKey: testMasterKey });

async function writeSome(platform: Platform, count: number): Promise<void> {
  await platform.vault.write(
    platformActor('test'),
    seedPeople,
    Array.from({ length: count }, () => person()),
  );
}

async function sealAndSign(platform: Platform) {
  await platform.sealer.sealNow();
  return platform.checkpoint();
}

const verify = (platform: Platform) =>
  verifyAccessLog(platform.db, {
    checkpointDir: platform.config.auditCheckpointDir,
    ...platform.keys,
    now: new Date(),
  });

/** As someone who can write to the database but has no key: edit the newest entry, and redo its seal with a key of their own. */
async function forgeNewest(platform: Platform): Promise<void> {
  const owner = await platform.openOwner();
  try {
    await owner.transaction((tx) =>
      withoutTriggers(tx, async () => {
        await tx.query(
          "UPDATE access_log SET purpose = 'falsifié' WHERE seq = (SELECT max(to_seq) FROM access_log_seals)",
        );
        const { rows } = await tx.query<Record<string, unknown>>(
          'SELECT * FROM access_log_seals ORDER BY n DESC LIMIT 1',
        );
        const seal = rows[0]!;
        const forged = sealMac(Buffer.alloc(32, 9), {
          n: seal.n as number,
          fromSeq: seal.from_seq as number,
          toSeq: seal.to_seq as number,
          seqs: (seal.seqs as number[]).map(Number),
          digests: [],
          sealedAt: seal.sealed_at as Date,
          prevMac: Buffer.from(seal.prev_mac as Uint8Array),
        });
        await tx.query('UPDATE access_log_seals SET mac = $1 WHERE n = $2', [forged, seal.n]);
        for (const table of ['access_log', 'access_log_seals', 'access_log_checkpoints', 'access_log_anchor']) {
          await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
        }
      }),
    );
  } finally {
    await owner.close();
  }
}

const checkpointLines = (platform: Platform) =>
  readdirSync(platform.config.auditCheckpointDir)
    .map((name) => readFileSync(path.join(platform.config.auditCheckpointDir, name), 'utf8'))
    .join('')
    .trim()
    .split('\n').length;

describe.each(engines)('a log nobody can rewrite, on %s', (engine) => {
  it('denies the application’s role UPDATE, DELETE and TRUNCATE of the log, and lets it append', async () => {
    const platform = await open(await settings(engine));
    try {
      await writeSome(platform, 2);
      for (const statement of [
        "UPDATE access_log SET purpose = 'x'",
        'DELETE FROM access_log',
        'TRUNCATE access_log',
        'UPDATE access_log_seals SET mac = mac',
        'DELETE FROM access_log_seals',
        'UPDATE access_log_anchor SET seal_n = 0',
      ]) {
        await expect(platform.db.query(statement), statement).rejects.toThrow(/permission denied/);
      }
      // The control: the same role may append, and may change the tables that are not the log.
      await platform.accessLog.append(platform.db, {
        actorId: null,
        sessionId: null,
        action: 'auth.test',
        record: 'none',
        purpose: 'security',
        people: [],
        fields: [],
        clientAddr: null,
      });
      await platform.db.query("UPDATE guard_settings SET value = value WHERE name = 'step_up_score'");
    } finally {
      await platform.close();
    }
  });

  it('finds an entry edited with its seal redone without the key, before and after a restart, and never signs it', async () => {
    const config = await settings(engine);
    let platform = await open(config);
    await writeSome(platform, 3);
    expect(await sealAndSign(platform)).toMatchObject({ status: 'written' });
    await writeSome(platform, 3);
    await platform.sealer.sealNow();
    expect(await verify(platform)).toMatchObject({ ok: true });
    await forgeNewest(platform);
    const before = await verify(platform);
    expect(before).toMatchObject({ ok: false, firstBroken: { kind: 'edited' } });
    await platform.close();

    // Restarted, the server checks the chain since its last checkpoint, and refuses to sign.
    platform = await open(config);
    try {
      const lines = checkpointLines(platform);
      expect(await platform.checkpoint()).toMatchObject({ status: 'refused' });
      expect(checkpointLines(platform)).toBe(lines);
      const { rows } = await platform.db.query<{ kind: string }>(
        "SELECT kind FROM security_alerts WHERE status = 'open'",
      );
      expect(rows).toEqual([{ kind: 'audit.chain_broken' }]);
      expect(await verify(platform)).toEqual(before);
    } finally {
      await platform.close();
    }
  });

  it('signs on after a restart when nothing was touched (the control)', async () => {
    const config = await settings(engine);
    let platform = await open(config);
    await writeSome(platform, 2);
    await sealAndSign(platform);
    await writeSome(platform, 2);
    await platform.close();
    platform = await open(config);
    try {
      expect(await sealAndSign(platform)).toMatchObject({ status: 'written' });
      expect(await verify(platform)).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await platform.close();
    }
  });

  it('fails the verifier, and refuses to sign, once the checkpoint files are deleted', async () => {
    const config = await settings(engine);
    let platform = await open(config);
    await writeSome(platform, 2);
    await sealAndSign(platform);
    await platform.close();
    rmSync(config.auditCheckpointDir, { recursive: true, force: true });
    platform = await open(config);
    try {
      const report = await verify(platform);
      expect(report.ok).toBe(false);
      expect(report.firstBroken!.message).toMatch(/manquent dans les fichiers|Aucun point de contrôle/);
      expect(await platform.checkpoint()).toMatchObject({ status: 'refused' });
    } finally {
      await platform.close();
    }
  });

  it('loses no committed entry when killed during a burst of reads; the tail is sealed at restart', async () => {
    const config = await settings(engine);
    const env = {
      ...process.env,
      DATA_DIR: config.dataDir,
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    };
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'support/read-burst.mjs')], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let accountId = '';
    let reads = 0;
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`le processus s’est arrêté (${code})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (line.startsWith('ready ')) accountId = line.slice(6);
          if (line === 'read') reads++;
        }
        if (reads >= 300) resolve();
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const platform = await open(config);
    try {
      const { rows } = await platform.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM access_log WHERE actor_id = $1 AND action = 'read'",
        [accountId],
      );
      // Every read that returned had its entry committed; reads in flight at the kill may add more.
      expect(rows[0]!.n).toBeGreaterThanOrEqual(reads);
      await sealUntilSealed(platform);
      expect(await platform.checkpoint()).toMatchObject({ status: 'written' });
      expect(await verify(platform)).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await platform.close();
    }
  });
});

async function sealUntilSealed(platform: Platform): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await platform.sealer.sealNow();
    if ((await verify(platform)).unsealed === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('le scelleur n’a pas rattrapé la queue du journal');
}

describe('the application’s own login on PostgreSQL, apart from the schema’s owner', () => {
  it('cannot UPDATE, DELETE or TRUNCATE the log even by resetting its role', async () => {
    const ownerUrl = await createPostgresDatabase();
    const login = `rempart_login_${process.pid}`;
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`DO $$ BEGIN CREATE ROLE ${login} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await admin.end();
    const appUrl = ownerUrl.replace('postgres://rempart@', `postgres://${login}@`);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-integrity-'));
    dirs.push(dataDir);
    const platform = await open(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl }));
    const direct: Db = platform.db;
    try {
      await writeSome(platform, 1);
      const raw = new pg.Client({ connectionString: appUrl });
      await raw.connect();
      try {
        await raw.query('RESET ROLE');
        for (const statement of [
          "UPDATE access_log SET purpose = 'x'",
          'DELETE FROM access_log',
          'TRUNCATE access_log',
        ]) {
          await expect(raw.query(statement), statement).rejects.toThrow(/permission denied/);
        }
      } finally {
        await raw.end();
      }
      expect(
        (await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log')).rows[0]!.n,
      ).toBeGreaterThan(0);
    } finally {
      await platform.close();
    }
  });
});
