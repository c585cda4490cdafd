import type { BlindIndexName } from '../crypto/blind-index.js';
import type {
  ApplicationStatus,
  CareerItem,
  CategorySought,
  DesiredZones,
  ExitOutcome,
  InterruptionReason,
  LanguageSkill,
  PostalAddress,
  ReferralEventKind,
  RegistrationStatus,
  Role,
} from './types.js';

/**
 * The field catalogue: every encrypted column of the schema, grouped by table, with the name
 * code uses for it, its type, and the blind index that lets it be searched by exact match. It
 * is the one list: the types of reads and writes, the writers, the scope check and key rotation
 * all derive from it. Only src/vault/ names these columns.
 */
interface FieldSpec<T> {
  column: string;
  /** Structured values are JSON inside the envelope: one envelope holds one field of one row. */
  json: boolean;
  /** The blind index kept beside the envelope, for exact-match search. */
  index?: { column: string; name: BlindIndexName };
  /** Type witness only. */
  readonly _type?: T;
}

const text = <T extends string = string>(column: string, index?: FieldSpec<T>['index']): FieldSpec<T> => ({
  column,
  json: false,
  index,
});
const json = <T>(column: string): FieldSpec<T> => ({ column, json: true });

/** A plain column a create may set: its SQL name and type. */
interface PlainSpec<T> {
  column: string;
  type: string;
  readonly _type?: T;
}
const plain = <T>(column: string, type: string): PlainSpec<T> => ({ column, type });

/** A table holding envelopes: its id column (bound into each envelope) and its fields. */
export interface TableSpec {
  table: string;
  idColumn: string;
  fields: Record<string, FieldSpec<unknown>>;
  /** Plain columns a create may set, by their names in code. */
  plain: Record<string, PlainSpec<unknown>>;
  /** The record whose id this table's id is: reads of that record may ask for its fields too. */
  extends?: string;
}

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
  },
  application: {
    table: 'applications',
    idColumn: 'id',
    fields: { message: text('message_enc') },
    plain: {
      offerId: plain<string>('offer_id', 'uuid'),
      personId: plain<string>('person_id', 'uuid'),
      status: plain<ApplicationStatus>('status', 'text'),
      submittedAt: plain<Date>('submitted_at', 'timestamptz'),
    },
  },
  referral: {
    table: 'referrals',
    idColumn: 'id',
    // The advisor's note for the training organisation (migration 0014): free text about the person.
    fields: { note: text('note_enc') },
    plain: {
      sessionId: plain<string>('session_id', 'uuid'),
      personId: plain<string>('person_id', 'uuid'),
      referredBy: plain<string | null>('referred_by', 'uuid'),
      referredAt: plain<Date>('referred_at', 'timestamptz'),
    },
  },
  referralEvent: {
    table: 'referral_events',
    idColumn: 'id',
    fields: { detail: text('detail_enc') },
    plain: {
      referralId: plain<string>('referral_id', 'uuid'),
      kind: plain<ReferralEventKind>('kind', 'text'),
      occurredOn: plain<string>('occurred_on', 'date'),
      declaredBy: plain<string | null>('declared_by', 'uuid'),
      reason: plain<InterruptionReason | null>('reason', 'text'),
      outcome: plain<ExitOutcome | null>('outcome', 'text'),
      daysPresent: plain<number | null>('days_present', 'integer'),
    },
  },
  cv: {
    table: 'cvs',
    idColumn: 'id',
    // The content is the PDF in base64; the file name says who it is, so it is sealed too.
    fields: { fileName: text('file_name_enc'), content: text('content_enc') },
    plain: {
      personId: plain<string>('person_id', 'uuid'),
      sizeBytes: plain<number>('size_bytes', 'integer'),
      uploadedAt: plain<Date>('uploaded_at', 'timestamptz'),
    },
  },
  totp: {
    table: 'totp_credentials',
    idColumn: 'account_id',
    fields: { secret: text('secret_enc') },
    plain: {},
  },
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
