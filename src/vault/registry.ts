import { catalogue, encryptedColumns, indexColumns, locateField, type TableSpec } from './catalogue.js';
import type { AnyPurpose } from './purpose.js';

/** The most records any purpose may let one call reach: pages, never exports. */
export const MAX_PAGE_CAP = 200;

/** A purpose the vault refuses to run with; the platform does not start. */
export class PurposeError extends Error {
  constructor(name: string, reason: string) {
    super(`objectif « ${name} » refusé : ${reason}`);
    this.name = 'PurposeError';
  }
}

/** The purposes every domain declared, checked once at start; the vault runs only these objects. */
export interface PurposeRegistry {
  has(purpose: AnyPurpose): boolean;
  get(name: string): AnyPurpose | undefined;
  all(): readonly AnyPurpose[];
}

const secretColumns = new Set([...Object.values(encryptedColumns).flatMap((table) => table.columns), ...indexColumns]);

/**
 * Composes the domains' purposes and refuses, with the reason, a duplicate name, an unknown
 * field or plain column, a page cap out of bounds, roles missing, and a scope that names an
 * encrypted column or a blind index, does not use the ids asked, or ignores its subject.
 */
export function composePurposes(lists: readonly (readonly AnyPurpose[])[]): PurposeRegistry {
  const byName = new Map<string, AnyPurpose>();
  for (const purpose of lists.flat()) {
    if (byName.has(purpose.name)) throw new PurposeError(purpose.name, 'ce nom est déjà déclaré');
    checkPurpose(purpose);
    byName.set(purpose.name, purpose);
  }
  return {
    has: (purpose) => byName.get(purpose.name) === purpose,
    get: (name) => byName.get(name),
    all: () => [...byName.values()],
  };
}

function checkPurpose(purpose: AnyPurpose): void {
  const fail = (reason: string) => {
    throw new PurposeError(purpose.name, reason);
  };
  if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(purpose.name)) fail('son nom doit être « domaine.usage »');
  if (purpose.roles !== 'platform' && purpose.roles.length === 0) fail('aucun rôle ne peut l’invoquer');
  checkScope(purpose, fail);
  if (purpose.kind === 'write') return checkWrite(purpose, fail);
  if (!Number.isInteger(purpose.pageCap) || purpose.pageCap < 1 || purpose.pageCap > MAX_PAGE_CAP) {
    fail(`le plafond par page doit être un entier de 1 à ${MAX_PAGE_CAP}`);
  }
  if (purpose.fields.length === 0) fail('aucun champ');
  for (const field of purpose.fields) {
    if (!locateField(purpose.record, field)) fail(`le champ « ${field} » n’existe pas pour « ${purpose.record} »`);
  }
  if (purpose.kind === 'search' && purpose.by.length === 0) fail('une recherche doit avoir au moins un critère');
}

function checkWrite(purpose: Extract<AnyPurpose, { kind: 'write' }>, fail: (reason: string) => never): void {
  const table: TableSpec = catalogue[purpose.table];
  for (const field of purpose.fields) {
    if (!table.fields[field]) fail(`le champ « ${field} » n’existe pas dans « ${purpose.table} »`);
  }
  for (const column of purpose.plain) {
    if (!table.plain[column]) fail(`la colonne « ${column} » n’est pas une colonne claire de « ${purpose.table} »`);
  }
  if (purpose.mode === 'update' && purpose.plain.length > 0) fail('une mise à jour ne change que des champs chiffrés');
  if (purpose.fields.length === 0 && purpose.plain.length === 0) fail('rien à écrire');
}

/** SQL a purpose declares (its scope, a search's extent): no personal column, one query. */
function checkPlainSql(sql: string, what: string, fail: (reason: string) => never): void {
  for (const name of sql.match(/\b[a-z][a-z0-9_]*\b/g) ?? []) {
    if (secretColumns.has(name) || /_(enc|bidx)$/.test(name)) {
      fail(`${what} nomme la colonne chiffrée ou l’index aveugle « ${name} »`);
    }
  }
  if (sql.includes(';')) fail(`${what} doit être une seule requête`);
}

function checkScope(purpose: AnyPurpose, fail: (reason: string) => never): void {
  const scope = purpose.scope;
  checkPlainSql(scope, 'sa portée', fail);
  if (purpose.kind === 'search' && purpose.extent !== undefined) {
    checkPlainSql(purpose.extent, 'son étendue', fail);
    if (/(?<!:):ids\b/.test(purpose.extent)) fail('son étendue compte toute la portée, sans identifiants (:ids)');
  }
  const creates = purpose.kind === 'write' && purpose.mode === 'create';
  if (creates ? !/\bnew_rows\b/.test(scope) : !/(?<!:):ids\b/.test(scope)) {
    fail(creates ? 'sa portée doit partir de new_rows' : 'sa portée doit filtrer les identifiants demandés (:ids)');
  }
  if (purpose.subject !== 'none' && !/(?<!:):subject\b/.test(scope)) fail('sa portée ignore son sujet (:subject)');
  if (purpose.roles === 'platform' && purpose.subject !== 'none') fail('la plateforme n’a pas de sujet');
}
