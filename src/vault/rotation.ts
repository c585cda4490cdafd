import type { AccessLog } from '../audit/types.js';
import type { Db, Tx } from '../db/client.js';
import { envelopeKeyVersion } from '../crypto/envelope.js';
import { KEY_REFRESH_MS, type Keyring } from '../crypto/keyring.js';
import { openCell } from './codec.js';
import { encryptedColumns } from './catalogue.js';

export interface RotationProgress {
  table: string;
  done: number;
  total: number;
  phase: 'reencrypt' | 'sweep';
}

export interface RotationResult {
  version: number;
  resumed: boolean;
  reencrypted: number;
  interrupted: boolean;
}

export interface RotationOptions {
  db: Db;
  keyring: Keyring;
  accessLog: AccessLog;
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void | Promise<void>;
  /** Checked between batches: when it says stop, the run ends cleanly and can be resumed. */
  shouldStop?: () => boolean;
  /** How long to let running servers pick up the new key before the final sweep. */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const tables = Object.keys(encryptedColumns);

/**
 * Rotates the data key: a new version becomes active, then every envelope sealed under an older
 * version is re-encrypted in small transactions, keyed by row id so a stopped run resumes where
 * it was. Each update is conditional on the old envelope, so a concurrent write is never
 * overwritten; a final sweep catches values written meanwhile by servers still on the old key.
 */
export async function rotateKeys(options: RotationOptions): Promise<RotationResult> {
  const { db, keyring } = options;
  const { version, resumed } = await startOrResume(db, keyring);
  await keyring.reload(db);
  let reencrypted = 0;
  for (const table of tables) {
    const result = await reencryptTable(options, version, table, 'reencrypt');
    reencrypted += result.changed;
    if (result.interrupted) return { version, resumed, reencrypted, interrupted: true };
  }
  await (options.sleep ?? delay)(options.settleMs ?? KEY_REFRESH_MS);
  for (const table of tables) {
    const result = await reencryptTable(options, version, table, 'sweep');
    reencrypted += result.changed;
    if (result.interrupted) return { version, resumed, reencrypted, interrupted: true };
  }
  await db.query('UPDATE key_rotation_progress SET finished_at = now() WHERE target_version = $1', [version]);
  return { version, resumed, reencrypted, interrupted: false };
}

async function startOrResume(db: Db, keyring: Keyring): Promise<{ version: number; resumed: boolean }> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7210432)');
    const pending = await tx.query<{ target_version: number }>(
      'SELECT DISTINCT target_version FROM key_rotation_progress WHERE finished_at IS NULL',
    );
    if (pending.rows[0]) return { version: pending.rows[0].target_version, resumed: true };
    const version = await keyring.addDataKeyVersion(tx);
    await tx.query('INSERT INTO key_rotation_progress (target_version, table_name) SELECT $1, unnest($2::text[])', [
      version,
      tables,
    ]);
    return { version, resumed: false };
  });
}

async function reencryptTable(
  options: RotationOptions,
  version: number,
  table: string,
  phase: RotationProgress['phase'],
): Promise<{ changed: number; interrupted: boolean }> {
  const { db } = options;
  const { idColumn } = encryptedColumns[table]!;
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const start = await db.query<{ last_id: string | null; rows_done: number }>(
    'SELECT last_id, rows_done FROM key_rotation_progress WHERE target_version = $1 AND table_name = $2',
    [version, table],
  );
  let cursor = phase === 'sweep' ? null : (start.rows[0]?.last_id ?? null);
  let done = phase === 'sweep' ? 0 : (start.rows[0]?.rows_done ?? 0);
  let changed = 0;
  for (;;) {
    if (options.shouldStop?.()) return { changed, interrupted: true };
    const batch = await db.transaction(async (tx) => {
      const rows = await selectBatch(tx, table, idColumn, cursor, options.batchSize ?? 500);
      const count = await reencryptRows(tx, options, version, table, idColumn, rows);
      const last = rows.at(-1)?.[idColumn] as string | undefined;
      if (phase === 'reencrypt' && last) {
        await tx.query(
          `UPDATE key_rotation_progress SET last_id = $3, rows_done = rows_done + $4
           WHERE target_version = $1 AND table_name = $2`,
          [version, table, last, rows.length],
        );
      }
      return { size: rows.length, last, count };
    });
    if (batch.size === 0 || !batch.last) break;
    cursor = batch.last;
    done += batch.size;
    changed += batch.count;
    await options.onProgress?.({ table, done: Math.min(done, total), total, phase });
  }
  return { changed, interrupted: false };
}

async function selectBatch(tx: Tx, table: string, idColumn: string, cursor: string | null, size: number) {
  const columns = encryptedColumns[table]!.columns.join(', ');
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT ${idColumn}, ${columns} FROM ${table}
     WHERE $1::uuid IS NULL OR ${idColumn} > $1::uuid ORDER BY ${idColumn} LIMIT $2`,
    [cursor, size],
  );
  return rows;
}

async function reencryptRows(
  tx: Tx,
  options: RotationOptions,
  version: number,
  table: string,
  idColumn: string,
  rows: Record<string, unknown>[],
): Promise<number> {
  let changed = 0;
  const touched: string[] = [];
  for (const row of rows) {
    const id = row[idColumn] as string;
    for (const column of encryptedColumns[table]!.columns) {
      const envelope = row[column] as Uint8Array | null;
      if (!envelope || envelopeKeyVersion(envelope) === version) continue;
      const plaintext = openCell(options.keyring, table, column, id, envelope);
      const sealed = options.keyring.encrypt(plaintext, { table, column, rowId: id });
      const result = await tx.query(`UPDATE ${table} SET ${column} = $1 WHERE ${idColumn} = $2 AND ${column} = $3`, [
        sealed,
        id,
        envelope,
      ]);
      changed += result.affectedRows;
      touched.push(id);
    }
  }
  if (touched.length > 0) {
    // The rotation decrypts without disclosing; it is still recorded, as every use of the data.
    await options.accessLog.append(tx, {
      actorId: null,
      sessionId: null,
      action: 'reencrypt',
      purpose: 'keys.rotate',
      people: table === 'people' || table === 'candidate_profiles' ? [...new Set(touched)] : [],
      fields: [`${table}.*`],
      clientAddr: null,
    });
  }
  return changed;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
