import { domainTables } from '../tables.js';
import { json, plain, text, type FieldSpec, type PlainSpec, type TableSpec } from './fields.js';
import type {
  CareerItem,
  CategorySought,
  DesiredZones,
  LanguageSkill,
  PostalAddress,
  RegistrationStatus,
  Role,
} from './types.js';

export type { TableSpec } from './fields.js';

/**
 * The field catalogue: every encrypted column of the schema, grouped by table, with the name
 * code uses for it, its type, and the blind index that lets it be searched by exact match. It
 * is the one list: the types of reads and writes, the writers, the scope check and key rotation
 * all derive from it. The vault declares the tables of people, profiles, accounts and TOTP
 * secrets here; each domain declares its own in its folder (`*.tables.ts`, with the helpers of
 * fields.ts), and src/tables.ts composes them, as src/purposes.ts composes the purposes.
 */
export const catalogue = {
  person: {
    table: 'people',
    idColumn: 'id',
    fields: {
      lastName: text('last_name_enc'),
      firstName: text('first_name_enc'),
      birthDate: text('birth_date_enc'),
      address: json<PostalAddress>('address_enc'),
      email: text('email_enc', { column: 'email_bidx', name: 'personEmail' }),
      phone: text('phone_enc', { column: 'phone_bidx', name: 'personPhone' }),
      franceTravailId: text('ft_id_enc', { column: 'ft_id_bidx', name: 'personFtId' }),
      registrationStatus: text<RegistrationStatus>('registration_status_enc'),
    },
    plain: { kind: plain<'job_seeker' | 'candidate'>('kind', 'text') },
    concerns: { record: 'person', sql: 'SELECT id FROM written' },
  },
  profile: {
    table: 'candidate_profiles',
    idColumn: 'person_id',
    fields: {
      career: json<CareerItem[]>('career_enc'),
      postsSought: json<string[]>('posts_sought_enc'),
      zones: json<DesiredZones>('zones_enc'),
      languages: json<LanguageSkill[]>('languages_enc'),
      aspirations: text('aspirations_enc'),
      categoriesSought: json<CategorySought[]>('categories_sought_enc'),
    },
    plain: { poolOptIn: plain<boolean>('pool_opt_in', 'boolean') },
    extends: 'person',
    concerns: { record: 'person', sql: 'SELECT person_id FROM written' },
  },
  account: {
    table: 'accounts',
    idColumn: 'id',
    fields: {
      email: text('email_enc', { column: 'email_bidx', name: 'accountEmail' }),
      displayName: text('display_name_enc'),
    },
    plain: {
      role: plain<Role>('role', 'text'),
      organisationId: plain<string | null>('organisation_id', 'uuid'),
      personId: plain<string | null>('person_id', 'uuid'),
      status: plain<'pending' | 'active' | 'suspended'>('status', 'text'),
      passwordHash: plain<string | null>('password_hash', 'text'),
      createdBy: plain<string | null>('created_by', 'uuid'),
      approvedBy: plain<string | null>('approved_by', 'uuid'),
      approvedAt: plain<Date | null>('approved_at', 'timestamptz'),
    },
    concerns: { record: 'account', sql: 'SELECT id FROM written' },
  },
  totp: {
    table: 'totp_credentials',
    idColumn: 'account_id',
    fields: { secret: text('secret_enc') },
    plain: {},
    concerns: { record: 'account', sql: 'SELECT account_id FROM written' },
  },
  ...domainTables,
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof catalogue;
type Fields<T extends TableName> = (typeof catalogue)[T]['fields'];
type Extending<R extends TableName> = {
  [T in TableName]: (typeof catalogue)[T] extends { extends: R } ? T : never;
}[TableName];

/** The tables a read of record R may draw fields from: its own, and those that extend it. */
export type TablesOf<R extends TableName> = R | Extending<R>;
/** The field names a read of record R may ask for. */
export type FieldName<R extends TableName> = { [T in TablesOf<R>]: keyof Fields<T> & string }[TablesOf<R>];
/** The field names a write to table T may set. */
export type WritableField<T extends TableName> = keyof Fields<T> & string;
/** The plain columns a create in table T may set. */
export type PlainColumn<T extends TableName> = keyof (typeof catalogue)[T]['plain'] & string;

type FieldType<S> = S extends FieldSpec<infer V> ? V : never;
type FieldValue<R extends TableName, F extends string> = {
  [T in TablesOf<R>]: F extends keyof Fields<T> ? FieldType<Fields<T>[F]> : never;
}[TablesOf<R>];

/** What a read of record R returns for one record: its id and the asked fields (null when empty). */
export type RecordView<R extends TableName, F extends string> = { id: string } & { [K in F]: FieldValue<R, K> | null };
type Plains<T extends TableName> = (typeof catalogue)[T]['plain'];
type PlainType<S> = S extends PlainSpec<infer V> ? V : never;

/**
 * One row a write gives: its id, its fields (null for none) and its plain columns. A create
 * gives every field and column its purpose names; an update, the fields it changes.
 */
export type WriteRowOf<T extends TableName, F extends string, P extends string> = { id: string } & {
  [K in F]: FieldType<Fields<T>[K & keyof Fields<T>]> | null;
} & { [K in P]: PlainType<Plains<T>[K & keyof Plains<T>]> };

/** Where one field of a read lives. */
export interface FieldLocation {
  table: TableName;
  spec: FieldSpec<unknown>;
}

/** The table and spec of `field` for a read of record `record`, or undefined when it has none. */
export function locateField(record: TableName, field: string): FieldLocation | undefined {
  for (const [name, table] of Object.entries(catalogue) as [TableName, TableSpec][]) {
    if (name !== record && table.extends !== record) continue;
    const spec = table.fields[field];
    if (spec) return { table: name, spec };
  }
  return undefined;
}

/** Every encrypted column, by table, with the id column bound into its envelopes (key rotation walks this). */
export const encryptedColumns: Record<string, { idColumn: string; columns: string[] }> = Object.fromEntries(
  Object.values(catalogue as Record<string, TableSpec>).map((spec) => [
    spec.table,
    { idColumn: spec.idColumn, columns: Object.values(spec.fields).map((field) => field.column) },
  ]),
);

/** Every blind-index column, for the check that no scope SQL names one. */
export const indexColumns: string[] = [
  ...new Set(
    Object.values(catalogue as Record<string, TableSpec>).flatMap((spec) =>
      Object.values(spec.fields).flatMap((field) => (field.index ? [field.index.column] : [])),
    ),
  ),
  'name_bidx',
  'facet_bidx',
];

export type { Role };
