import { frenchOut } from '../cli/french.js';
import { parseArgs } from 'node:util';
import { progressBar } from '../cli/progress.js';
import type { Platform } from '../platform.js';
import { KEY_REFRESH_MS } from '../crypto/keyring.js';
import { rotateKeys } from './rotation.js';

/**
 * `rempart keys rotate [--batch-size N]`: makes a new data key active and re-encrypts every
 * value in small transactions, while the platform keeps serving. Ctrl-C stops cleanly between
 * batches; running the command again resumes where it stopped.
 */
export async function runKeysCommand(args: string[], platform: Platform, raw: NodeJS.WritableStream): Promise<number> {
  const out = frenchOut(raw);
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'batch-size': { type: 'string', default: '500' },
      // How long running servers get to pick up the new key before the final sweep.
      'settle-seconds': { type: 'string', default: String(KEY_REFRESH_MS / 1000) },
    },
  });
  if (positionals[0] !== 'rotate') {
    out.write('Usage : rempart keys rotate [--batch-size N] [--settle-seconds S]\n');
    return 2;
  }
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    out.write('Erreur : --batch-size doit être un entier entre 1 et 10 000.\n');
    return 2;
  }
  const settleSeconds = Number(values['settle-seconds']);
  if (!Number.isInteger(settleSeconds) || settleSeconds < 0 || settleSeconds > 3600) {
    out.write('Erreur : --settle-seconds doit être un entier entre 0 et 3 600.\n');
    return 2;
  }
  let stop = false;
  const onSignal = () => {
    stop = true;
    out.write('\nArrêt demandé : fin du lot en cours, puis arrêt. Relancez la commande pour reprendre.\n');
  };
  process.once('SIGINT', onSignal);
  const bars = new Map<string, ReturnType<typeof progressBar>>();
  try {
    const result = await rotateKeys({
      db: platform.db,
      keyring: platform.keyring,
      accessLog: platform.accessLog,
      batchSize,
      settleMs: settleSeconds * 1000,
      shouldStop: () => stop,
      onProgress: ({ table, done, total, phase }) => {
        const key = `${phase}:${table}`;
        if (!bars.has(key)) {
          for (const bar of bars.values()) bar.stop();
          bars.set(key, progressBar(`${phase === 'reencrypt' ? 'Rechiffrement' : 'Vérification'} ${table}`));
        }
        bars.get(key)!.update(done, total);
      },
    });
    for (const bar of bars.values()) bar.stop();
    const verb = result.resumed ? 'reprise' : 'nouvelle';
    if (result.interrupted) {
      out.write(
        `Rotation (${verb}) vers la version ${result.version} interrompue après ${result.reencrypted} valeurs rechiffrées. Relancez pour reprendre.\n`,
      );
      return 1;
    }
    out.write(
      `Rotation (${verb}) terminée : clé de données version ${result.version}, ${result.reencrypted} valeurs rechiffrées.\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
