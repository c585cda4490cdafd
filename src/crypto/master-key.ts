import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import type { Random } from '../kernel/random.js';

const KEY_FILE = 'master.key';

/**
 * Returns the master key. Production takes only REMPART_MASTER_KEY. Demo mode, when no key is
 * given, creates `DATA_DIR/master.key` (mode 0600) on first start and reads it afterwards.
 */
export async function resolveMasterKey(config: Config, random: Random): Promise<Buffer> {
  if (config.masterKey) return config.masterKey;
  if (config.mode === 'production') {
    throw new ConfigError('REMPART_MASTER_KEY est obligatoire en mode production.');
  }
  const file = path.join(config.dataDir, KEY_FILE);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const existing = await stat(file).catch(() => undefined);
  if (!existing) {
    await writeFile(file, `${random.bytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
  } else if ((existing.mode & 0o077) !== 0) {
    throw new ConfigError(
      `Le fichier de clé maîtresse ${file} est lisible par d’autres utilisateurs (chmod 600 attendu).`,
    );
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== 32)
    throw new ConfigError(`Le fichier de clé maîtresse ${file} ne contient pas une clé de 32 octets.`);
  return key;
}
