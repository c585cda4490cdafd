import type { BlindIndexName } from '../crypto/blind-index.js';

/*
 * The shapes of the field catalogue (catalogue.ts), and the helpers a domain declares its own
 * tables of sealed fields with (src/tables.ts composes them). A domain names its fields, never
 * their columns: the vault derives each column from the field's name.
 */

/** One encrypted field: its column, whether its value is JSON, and its blind index, if any. */
export interface FieldSpec<T> {
  column: string;
  /** Structured values are JSON inside the envelope: one envelope holds one field of one row. */
  json: boolean;
  /** The blind index kept beside the envelope, for exact-match search. */
  index?: { column: string; name: BlindIndexName };
  /** Type witness only. */
  readonly _type?: T;
}

export const text = <T extends string = string>(column: string, index?: FieldSpec<T>['index']): FieldSpec<T> => ({
  column,
  json: false,
  index,
});
export const json = <T>(column: string): FieldSpec<T> => ({ column, json: true });

/** A plain column a create may set: its SQL name and type. */
export interface PlainSpec<T> {
  column: string;
  type: string;
  readonly _type?: T;
}
export const plain = <T>(column: string, type: string): PlainSpec<T> => ({ column, type });

/**
 * Which people (or accounts) a row of a table concerns, as SQL over `written` (rows of that
 * table): a write's log entry names them, and so does a read of a record that is not itself a
 * person (an application, a CV), so that « Mes accès » shows it and the guard counts people.
 */
export interface Concerns {
  record: 'person' | 'account';
  sql: string;
}

/** A table holding envelopes: its id column (bound into each envelope) and its fields. */
export interface TableSpec {
  table: string;
  idColumn: string;
  fields: Record<string, FieldSpec<unknown>>;
  /** Plain columns a create may set, by their names in code. */
  plain: Record<string, PlainSpec<unknown>>;
  /** The record whose id this table's id is: reads of that record may ask for its fields too. */
  extends?: string;
  concerns: Concerns;
}

/** A sealed field a domain declares: free text or JSON; the vault names its column. */
export interface SealedField<T> {
  json: boolean;
  readonly _type?: T;
}
export const sealedText = <T extends string = string>(): SealedField<T> => ({ json: false });
export const sealedJson = <T>(): SealedField<T> => ({ json: true });

/** The column of a domain's sealed field: `fileName` is sealed in `file_name_enc`. */
export function sealedColumn(field: string): string {
  return `${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_enc`;
}

type Sealed<F> = { [K in keyof F]: F[K] extends SealedField<infer T> ? FieldSpec<T> : never };

/**
 * A domain's table of sealed fields, declared in the domain's folder: its fields by name (each
 * column derived by {@link sealedColumn}), the plain columns a create may set, and whom a row
 * concerns. No blind index: exact-match search stays on people and accounts, in the vault.
 */
export function domainTable<
  F extends Record<string, SealedField<unknown>>,
  P extends Record<string, PlainSpec<unknown>>,
>(spec: {
  table: string;
  idColumn: string;
  fields: F;
  plain: P;
  concerns: Concerns;
}): { table: string; idColumn: string; fields: Sealed<F>; plain: P; concerns: Concerns } {
  const fields = Object.fromEntries(
    Object.entries(spec.fields).map(([name, field]) => [name, { column: sealedColumn(name), json: field.json }]),
  ) as Sealed<F>;
  return { ...spec, fields };
}
