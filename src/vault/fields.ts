import type { PersonField, ProfileField, ReadableField } from './types.js';

/**
 * Where each readable field lives and how it is encoded. Structured values (address, career…)
 * are JSON inside the envelope, so one envelope holds one field of one row.
 */
interface FieldSpec {
  table: 'people' | 'candidate_profiles';
  column: string;
  json: boolean;
}

const personColumns: Record<PersonField, FieldSpec> = {
  lastName: { table: 'people', column: 'last_name_enc', json: false },
  firstName: { table: 'people', column: 'first_name_enc', json: false },
  birthDate: { table: 'people', column: 'birth_date_enc', json: false },
  address: { table: 'people', column: 'address_enc', json: true },
  email: { table: 'people', column: 'email_enc', json: false },
  phone: { table: 'people', column: 'phone_enc', json: false },
  franceTravailId: { table: 'people', column: 'ft_id_enc', json: false },
  registrationStatus: { table: 'people', column: 'registration_status_enc', json: false },
};

const profileColumns: Record<ProfileField, FieldSpec> = {
  career: { table: 'candidate_profiles', column: 'career_enc', json: true },
  postsSought: { table: 'candidate_profiles', column: 'posts_sought_enc', json: true },
  zones: { table: 'candidate_profiles', column: 'zones_enc', json: true },
  languages: { table: 'candidate_profiles', column: 'languages_enc', json: true },
  aspirations: { table: 'candidate_profiles', column: 'aspirations_enc', json: false },
};

export const fieldSpecs: Record<ReadableField, FieldSpec> = { ...personColumns, ...profileColumns };

export function isReadableField(name: string): name is ReadableField {
  return Object.hasOwn(fieldSpecs, name);
}

/**
 * Every encrypted column of the schema, by table, with the column that holds the row id used
 * in the envelope's associated data. Key rotation walks this list; the architecture test
 * checks that no other module names these columns.
 */
export const encryptedColumns: Record<string, { idColumn: string; columns: string[] }> = {
  people: {
    idColumn: 'id',
    columns: Object.values(personColumns).map((spec) => spec.column),
  },
  candidate_profiles: {
    idColumn: 'person_id',
    columns: Object.values(profileColumns).map((spec) => spec.column),
  },
  accounts: { idColumn: 'id', columns: ['email_enc', 'display_name_enc'] },
  applications: { idColumn: 'id', columns: ['message_enc'] },
  referral_events: { idColumn: 'id', columns: ['detail_enc'] },
  totp_credentials: { idColumn: 'account_id', columns: ['secret_enc'] },
};
