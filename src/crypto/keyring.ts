import { createHmac } from 'node:crypto';
import type { Queryable } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import { blindIndexWith, deriveFieldKey, normaliseFullName, type BlindIndexName } from './blind-index.js';
import { associatedData, type Binding, envelopeKeyVersion, EnvelopeError, open, seal } from './envelope.js';

/** A key derived from a master key for one use outside the database (checkpoints, nonces…). */
export function deriveOutsideKey(masterKey: Buffer, purpose: string): Buffer {
  return createHmac('sha256', masterKey).update(`rempart/outside/${purpose}`).digest();
}

/** A running process re-reads the active data-key version at most this often (see rotation). */
export const KEY_REFRESH_MS = 10_000;

type KeyKind = 'data' | 'index';

interface KeyRow {
  kind: KeyKind;
  version: number;
  wrapped: Uint8Array;
  active: boolean;
}

function wrapBinding(kind: KeyKind, version: number): Buffer {
  return Buffer.from(`rempart/keyring/${kind}/${version}`, 'utf8');
}

/**
 * The unwrapped keys of this process. Data keys are versioned; the active one seals new
 * values and every version still in use can open. The index key is separate, so that a blind
 * index never shares a key with the values it points to.
 */
export class Keyring {
  private dataKeys = new Map<number, Buffer>();
  private activeVersion = 0;
  private indexKey: Buffer = Buffer.alloc(0);
  /** Field keys derived once per load: deriving them on every index doubled its cost. */
  private fieldKeys = new Map<BlindIndexName, Buffer>();
  private loadedAt = 0;
  /** Whether this load created the keys: a new platform, not one whose keys went missing. */
  private created = false;

  private constructor(
    private readonly masterKey: Buffer,
    private readonly random: Random,
    private readonly clock: Clock,
  ) {}

  /** Loads the keyring, creating version 1 of each key on a new database. */
  static async load(db: Queryable, masterKey: Buffer, random: Random, clock: Clock): Promise<Keyring> {
    const keyring = new Keyring(masterKey, random, clock);
    await keyring.ensureInitialKeys(db);
    await keyring.reload(db);
    return keyring;
  }

  /** True when this process created the keyring: the platform is new (the access log may start from nothing). */
  get createdNow(): boolean {
    return this.created;
  }

  get activeDataVersion(): number {
    return this.activeVersion;
  }

  encrypt(plaintext: string, binding: Binding): Buffer {
    const key = this.dataKeys.get(this.activeVersion);
    if (!key) throw new EnvelopeError('aucune clé de données active');
    return seal(key, this.activeVersion, Buffer.from(plaintext, 'utf8'), associatedData(binding), this.random);
  }

  decrypt(envelope: Uint8Array, binding: Binding): string {
    const version = envelopeKeyVersion(envelope);
    const key = this.dataKeys.get(version);
    if (!key) throw new EnvelopeError(`clé de données v${version} inconnue`);
    return open(key, envelope, associatedData(binding)).toString('utf8');
  }

  /** Whether this process can open envelopes sealed under `version`. */
  knows(version: number): boolean {
    return this.dataKeys.has(version);
  }

  index(name: BlindIndexName, value: string): Buffer {
    let fieldKey = this.fieldKeys.get(name);
    if (!fieldKey) {
      fieldKey = deriveFieldKey(this.indexKey, name);
      this.fieldKeys.set(name, fieldKey);
    }
    return blindIndexWith(fieldKey, name, value);
  }

  nameIndex(lastName: string, firstName: string): Buffer {
    return this.index('personName', normaliseFullName(lastName, firstName));
  }

  /** A keyed mark (for canaries): HMAC under a key derived from the index key. */
  mark(label: string, value: string): Buffer {
    return this.marker(label)(value);
  }

  /** The marks of one label, the key derived once: for checking many values in a row. */
  marker(label: string): (value: string) => Buffer {
    const key = createHmac('sha256', this.indexKey).update(`rempart/mark/${label}`).digest();
    return (value) => createHmac('sha256', key).update(value, 'utf8').digest();
  }

  /** A key derived from the master key for a purpose outside the database (checkpoints). */
  deriveOutsideKey(purpose: string): Buffer {
    return deriveOutsideKey(this.masterKey, purpose);
  }

  /** Re-reads the keys when the last read is older than KEY_REFRESH_MS. */
  async refreshIfStale(db: Queryable): Promise<void> {
    if (this.clock.now().getTime() - this.loadedAt >= KEY_REFRESH_MS) await this.reload(db);
  }

  async reload(db: Queryable): Promise<void> {
    const { rows } = await db.query<KeyRow>(
      'SELECT kind, version, wrapped, active FROM keyring ORDER BY kind, version',
    );
    const dataKeys = new Map<number, Buffer>();
    let active = 0;
    let indexKey: Buffer | undefined;
    for (const row of rows) {
      const key = this.unwrap(row);
      if (row.kind === 'data') {
        dataKeys.set(row.version, key);
        if (row.active) active = row.version;
      } else if (row.active) {
        indexKey = key;
      }
    }
    if (!active || !indexKey) throw new EnvelopeError('trousseau incomplet');
    this.dataKeys = dataKeys;
    this.activeVersion = active;
    if (!this.indexKey.equals(indexKey)) this.fieldKeys.clear();
    this.indexKey = indexKey;
    this.loadedAt = this.clock.now().getTime();
  }

  /** Adds a new data-key version and makes it the active one. Returns the new version. */
  async addDataKeyVersion(db: Queryable): Promise<number> {
    const { rows } = await db.query<{ next: number }>(
      "SELECT COALESCE(MAX(version), 0) + 1 AS next FROM keyring WHERE kind = 'data'",
    );
    const version = rows[0]!.next;
    await db.query("UPDATE keyring SET active = false WHERE kind = 'data' AND active");
    await db.query("INSERT INTO keyring (kind, version, wrapped, active) VALUES ('data', $1, $2, true)", [
      version,
      this.wrap('data', version, this.random.bytes(32)),
    ]);
    return version;
  }

  private async ensureInitialKeys(db: Queryable): Promise<void> {
    for (const kind of ['data', 'index'] as const) {
      const { rows } = await db.query(
        'INSERT INTO keyring (kind, version, wrapped, active) VALUES ($1, 1, $2, true) ON CONFLICT DO NOTHING RETURNING 1',
        [kind, this.wrap(kind, 1, this.random.bytes(32))],
      );
      if (kind === 'data') this.created = rows.length > 0;
    }
  }

  private wrap(kind: KeyKind, version: number, key: Buffer): Buffer {
    return seal(this.masterKey, 0, key, wrapBinding(kind, version), this.random);
  }

  private unwrap(row: KeyRow): Buffer {
    try {
      return open(this.masterKey, row.wrapped, wrapBinding(row.kind, row.version));
    } catch {
      throw new EnvelopeError(
        'la clé maîtresse ne correspond pas à celle qui a chiffré ce trousseau (REMPART_MASTER_KEY ou DATA_DIR/master.key)',
      );
    }
  }
}
