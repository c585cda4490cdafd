import { parseArgs } from 'node:util';
import { frenchOut } from '../cli/french.js';
import { progressBar } from '../cli/progress.js';
import type { Platform } from '../platform.js';
import { purgeAccessLog } from './purge.js';
import { readsByActor } from './queries.js';
import { verifyAccessLog } from './verify.js';

const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseDate(value: string | undefined, name: string): Date {
  const date = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`${name} doit être une date ISO 8601 (ex. 2026-11-01T00:00:00Z).`);
  return date;
}

class UsageError extends Error {}

type Sub = (args: string[], platform: Platform, out: NodeJS.WritableStream) => Promise<number>;

const subcommands: Record<string, Sub> = {
  verify: async (_args, platform, out) => {
    const bar = progressBar('Vérification du journal');
    const report = await verifyAccessLog(platform.db, {
      checkpointDir: platform.config.auditCheckpointDir,
      chainKey: platform.keys.chainKey,
      checkpointKey: platform.keys.checkpointKey,
      now: platform.clock.now(),
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.stop();
    const from = report.startSeq > 0 ? ` depuis l’ancre de rétention (entrée n° ${report.startSeq})` : '';
    const tail = report.unsealed > 0 ? `, ${report.unsealed} entrée(s) récente(s) pas encore scellée(s)` : '';
    out.write(
      `${report.checked} entrées vérifiées dans ${report.seals} sceaux${from}, dernière entrée scellée n° ${report.headSeq}, ` +
        `${report.checkpoints} points de contrôle signés lus${tail}.\n`,
    );
    if (report.forgedCheckpoints > 0) {
      // A forged line is not trusted, but someone wrote where only rempart writes: say so, and fail.
      out.write(
        `Attention : ${report.forgedCheckpoints} point(s) de contrôle à la signature invalide ont été ignorés.\n`,
      );
    }
    if (!report.ok) {
      // What the verifier found is read by a person: French typography, as the CLI's other messages.
      out.write(`Chaîne ROMPUE : ${report.firstBroken!.message}\n`);
      return 1;
    }
    out.write('Chaîne intègre.\n');
    return report.forgedCheckpoints > 0 ? 1 : 0;
  },
  checkpoint: async (_args, platform, out) => {
    await platform.sealer.sealNow();
    const result = await platform.checkpoint();
    if (result.status === 'refused') {
      out.write(`Point de contrôle REFUSÉ : ${result.reason} Une alerte de sécurité est ouverte.\n`);
      return 1;
    }
    out.write(
      result.status === 'written'
        ? `Point de contrôle n° ${result.checkpoint.i} écrit : sceau n° ${result.checkpoint.sealN}, entrée n° ${result.checkpoint.toSeq}.\n`
        : 'Chaîne inchangée depuis le dernier point de contrôle.\n',
    );
    return 0;
  },
  purge: async (args, platform, out) => {
    const { values } = parseArgs({ args, options: { days: { type: 'string' } } });
    const days = values.days === undefined ? platform.config.auditRetentionDays : Number(values.days);
    if (!Number.isInteger(days) || days < 1) throw new UsageError('--days doit être un entier positif.');
    const before = new Date(platform.clock.now().getTime() - days * DAY);
    const result = await purgeAccessLog(platform.db, {
      before,
      checkpointKey: platform.keys.checkpointKey,
      clock: platform.clock,
    });
    const anchor = result.anchorSeq === null ? '' : ` ; la chaîne vérifiable repart de l’ancre n° ${result.anchorSeq}`;
    out.write(`${result.deleted} entrées antérieures au ${before.toISOString()} supprimées${anchor}.\n`);
    return 0;
  },
  reads: async (args, platform, out) => {
    const { values } = parseArgs({
      args,
      options: { account: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    });
    if (!values.account || !UUID.test(values.account))
      throw new UsageError('--account doit être l’identifiant (UUID) d’un compte.');
    const rows = await readsByActor(
      platform.db,
      values.account,
      parseDate(values.from, '--from'),
      parseDate(values.to, '--to'),
    );
    for (const row of rows) {
      out.write(
        `${JSON.stringify({ seq: row.seq, at: row.at.toISOString(), action: row.action, purpose: row.purpose, person: row.personId, fields: row.fields })}\n`,
      );
    }
    const people = new Set(rows.map((row) => row.personId)).size;
    out.write(`${rows.length} accès, ${people} personnes distinctes.\n`);
    return 0;
  },
};

/** `rempart audit verify | checkpoint | purge [--days N] | reads --account ID --from T1 --to T2`. */
export async function runAuditCommand(args: string[], platform: Platform, raw: NodeJS.WritableStream): Promise<number> {
  const out = frenchOut(raw);
  const [name, ...rest] = args;
  const sub = name ? subcommands[name] : undefined;
  if (!sub) {
    out.write('Usage : rempart audit verify | checkpoint | purge [--days N] | reads --account ID --from T1 --to T2\n');
    return 2;
  }
  try {
    return await sub(rest, platform, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.write(`Erreur : ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
