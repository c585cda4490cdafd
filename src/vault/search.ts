import type { Keyring } from '../crypto/keyring.js';
import { normaliseEmail, normaliseFranceTravailId, normaliseFullName, normalisePhone } from '../crypto/normalise.js';
import { AppError } from '../kernel/errors.js';
import type { SearchKey, SearchPurpose } from './purpose.js';
import { SEARCH_PARAMS_START } from './statement.js';

/**
 * What a search looks for. Exact values are matched through their blind indexes; facets are
 * groups of pool facets ('region:Bretagne', 'langue:en:B2', 'poste:…'): a profile matches when
 * it has at least one facet of every group.
 */
export interface SearchCriteria {
  email?: string;
  phone?: string;
  franceTravailId?: string;
  name?: { lastName: string; firstName: string };
  facets?: readonly (readonly string[])[];
}

/** The search's part of the door's statement, and how to keep only exact matches afterwards. */
export interface CompiledSearch {
  matchedSql: string;
  params: unknown[];
  /** Fields to decrypt for the exact check (a truncated blind index also matches others). */
  checkFields: string[];
  isExact(record: Record<string, unknown>): boolean;
}

const exactKeys = {
  email: { column: 'email_bidx', index: 'personEmail', field: 'email', normalise: normaliseEmail },
  phone: { column: 'phone_bidx', index: 'personPhone', field: 'phone', normalise: normalisePhone },
  franceTravailId: {
    column: 'ft_id_bidx',
    index: 'personFtId',
    field: 'franceTravailId',
    normalise: normaliseFranceTravailId,
  },
} as const;

/**
 * Turns criteria into SQL over blind indexes only: no plaintext value reaches the database, and
 * none is written in the log (which records the criteria's kinds through the purpose, and the
 * breadth). A search without any criterion is refused: nobody lists a pool or a portfolio whole
 * through a search.
 */
export function compileSearch(keyring: Keyring, purpose: SearchPurpose, criteria: SearchCriteria): CompiledSearch {
  const parts: string[] = [];
  const params: unknown[] = [];
  const checks: ((record: Record<string, unknown>) => boolean)[] = [];
  const checkFields: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${SEARCH_PARAMS_START + params.length - 1}`;
  };
  const allow = (key: SearchKey) => {
    if (!purpose.by.includes(key)) throw new AppError('FORBIDDEN', `search by ${key} for ${purpose.name}`);
  };
  for (const key of ['email', 'phone', 'franceTravailId'] as const) {
    const value = criteria[key];
    if (value === undefined) continue;
    allow(key);
    const spec = exactKeys[key];
    parts.push(`SELECT id FROM people WHERE ${spec.column} = ${param(keyring.index(spec.index, value))}`);
    checkFields.push(spec.field);
    const wanted = spec.normalise(value);
    checks.push(
      (record) => typeof record[spec.field] === 'string' && spec.normalise(record[spec.field] as string) === wanted,
    );
  }
  if (criteria.name) {
    allow('name');
    const { lastName, firstName } = criteria.name;
    parts.push(`SELECT id FROM people WHERE name_bidx = ${param(keyring.nameIndex(lastName, firstName))}`);
    checkFields.push('lastName', 'firstName');
    const wanted = normaliseFullName(lastName, firstName);
    checks.push(
      (record) =>
        typeof record.lastName === 'string' &&
        typeof record.firstName === 'string' &&
        normaliseFullName(record.lastName, record.firstName) === wanted,
    );
  }
  if (criteria.facets) {
    allow('facets');
    const groups = criteria.facets.filter((group) => group.length > 0);
    if (groups.length === 0) throw new AppError('VALIDATION_FAILED', 'no facet');
    const exists = groups.map((group) => {
      const tokens = group.map((facet) => keyring.index('profileFacet', facet));
      return `EXISTS (SELECT 1 FROM profile_facets f WHERE f.person_id = p.person_id AND f.facet_bidx = ANY(${param(tokens)}::bytea[]))`;
    });
    parts.push(`SELECT p.person_id AS id FROM candidate_profiles p WHERE ${exists.join(' AND ')}`);
  }
  if (parts.length === 0) throw new AppError('VALIDATION_FAILED', 'search without criteria');
  return {
    matchedSql: parts.join(' INTERSECT '),
    params,
    checkFields,
    isExact: (record) => checks.every((check) => check(record)),
  };
}
