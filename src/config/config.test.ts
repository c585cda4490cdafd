import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Keyring } from '../crypto/keyring.js';
import { resolveMasterKey } from '../crypto/master-key.js';
import { openTestDb } from '../../test/support/databases.js';
import { systemClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { ConfigError, loadConfig } from './config.js';

const key = Buffer.alloc(32, 5).toString('base64');

describe('configuration', () => {
  it('has safe defaults for a demo, and freezes the result', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'demo', port: 3000, host: '127.0.0.1', readCeilingPerDay: 200 });
    expect(config.masterKey).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('refuses production without a master key: no default secret', () => {
    expect(() => loadConfig({ REMPART_MODE: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ REMPART_MODE: 'production' })).toThrow(
      /REMPART_MASTER_KEY : obligatoire en mode production/,
    );
    expect(() => loadConfig({ REMPART_MODE: 'production', REMPART_MASTER_KEY: key })).toThrow(/SMTP_URL/);
    const smtp = { SMTP_URL: 'smtp://127.0.0.1:2525' };
    expect(loadConfig({ REMPART_MODE: 'production', REMPART_MASTER_KEY: key, ...smtp }).masterKey).toEqual(
      Buffer.alloc(32, 5),
    );
  });

  it('names every bad value in French', () => {
    const attempt = () =>
      loadConfig({
        REMPART_MASTER_KEY: 'trop-courte',
        PORT: 'quatre-vingts',
        DATABASE_URL: 'mysql://x',
        REMPART_MODE: 'prod',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['REMPART_MASTER_KEY', 'PORT', 'DATABASE_URL', 'REMPART_MODE'])
        expect(message).toContain(name);
      expect(message).toContain('32 octets');
      expect(message).toContain('PORT : Entrée invalide');
      expect(message).not.toMatch(/\b(invalid|expected|received)\b/i);
    }
  });

  it('keeps demo mode off every network: loopback HOST and local PUBLIC_URL only, and says why in French', () => {
    for (const env of [
      {},
      { HOST: '::1' },
      { HOST: 'localhost' },
      { HOST: '127.0.0.2', PUBLIC_URL: 'http://rempart.localhost:3000' },
      { PUBLIC_URL: 'http://[::1]:3000/' },
    ])
      expect(() => loadConfig(env), JSON.stringify(env)).not.toThrow();
    for (const [env, name] of [
      [{ HOST: '0.0.0.0' }, 'HOST'],
      [{ HOST: '::' }, 'HOST'],
      [{ HOST: '192.0.2.10' }, 'HOST'],
      [{ PUBLIC_URL: 'https://rempart.example.org' }, 'PUBLIC_URL'],
      [{ PUBLIC_URL: 'http://192.0.2.10:3000' }, 'PUBLIC_URL'],
      [{ PUBLIC_URL: 'http://localhost.example.org' }, 'PUBLIC_URL'],
    ] as const) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(`- ${name}\u00a0: `));
      expect(() => loadConfig(env)).toThrow(/ne doit jamais être joignable depuis un réseau/);
    }
    // Production may face the network: the same settings are accepted there.
    const production = { REMPART_MODE: 'production', REMPART_MASTER_KEY: key, SMTP_URL: 'smtp://127.0.0.1:2525' };
    const open = loadConfig({ ...production, HOST: '0.0.0.0', PUBLIC_URL: 'https://rempart.example.org' });
    expect(open.publicUrl).toBe('https://rempart.example.org');
  });

  it('creates the demo key file once, mode 0600, and refuses it when others can read it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rempart-config-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = await resolveMasterKey(config, systemRandom);
    const file = path.join(dataDir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await resolveMasterKey(config, systemRandom)).toEqual(first);
    chmodSync(file, 0o644);
    await expect(resolveMasterKey(config, systemRandom)).rejects.toThrow(/lisible par d’autres utilisateurs/);
    chmodSync(file, 0o600);
    writeFileSync(file, 'pas une clé\n');
    await expect(resolveMasterKey(config, systemRandom)).rejects.toThrow(/32 octets/);
    expect(readFileSync(file, 'utf8')).toBe('pas une clé\n');
  });

  it('refuses to start on a master key that did not wrap this database’s keys', async () => {
    const db = await openTestDb('pglite');
    await Keyring.load(db, Buffer.alloc(32, 1), systemRandom, systemClock);
    await expect(Keyring.load(db, Buffer.alloc(32, 2), systemRandom, systemClock)).rejects.toThrow(
      /la clé maîtresse ne correspond pas/,
    );
    await db.close();
  });
});
