import type { AccessLog } from '../audit/types.js';
import type { Db, Tx } from '../db/client.js';
import type { Keyring } from '../crypto/keyring.js';
import { AppError } from '../kernel/errors.js';
import { sealCell } from './codec.js';
import type { Actor, NewAccount, NewApplication, NewPerson, NewProfile, NewReferralEvent } from './types.js';

export interface WriteDeps {
  db: Db;
  keyring: Keyring;
  accessLog: AccessLog;
}

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
function inTransaction<T>(db: Db, tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? work(tx) : db.transaction(work);
}

/**
 * Bulk creation is the platform's own work (seeding, imports). Accounts get their own write
 * paths, with their own scope, in the domain issues that need them: until then, denied.
 */
function requireSystem(actor: Actor): void {
  if (actor.kind !== 'system') throw new AppError('FORBIDDEN', 'bulk write by an account');
}

async function logWrite(
  accessLog: AccessLog,
  tx: Tx,
  actor: Actor,
  purpose: string,
  people: readonly string[],
  fields: readonly string[],
): Promise<void> {
  await accessLog.append(tx, {
    actorId: actor.kind === 'account' ? actor.accountId : null,
    sessionId: actor.kind === 'account' ? actor.sessionId : null,
    action: 'create',
    purpose,
    people,
    fields,
    clientAddr: actor.kind === 'account' ? actor.clientAddr : null,
  });
}

/** Encrypts, blind-indexes and inserts people, with one access-log entry for the batch. */
export async function createPeople(
  deps: WriteDeps,
  actor: Actor,
  people: readonly NewPerson[],
  purpose: string,
  tx?: Tx,
) {
  requireSystem(actor);
  if (people.length === 0) return;
  await deps.keyring.refreshIfStale(tx ?? deps.db);
  const k = deps.keyring;
  const seal = (person: NewPerson, column: string, value: unknown) => sealCell(k, 'people', column, person.id, value);
  const index = (name: 'personEmail' | 'personPhone' | 'personFtId', value: string | null) =>
    value === null ? null : k.index(name, value);
  const columns = {
    id: people.map((p) => p.id),
    kind: people.map((p) => p.kind),
    last_name_enc: people.map((p) => seal(p, 'last_name_enc', p.lastName)),
    first_name_enc: people.map((p) => seal(p, 'first_name_enc', p.firstName)),
    birth_date_enc: people.map((p) => seal(p, 'birth_date_enc', p.birthDate)),
    address_enc: people.map((p) => seal(p, 'address_enc', p.address)),
    email_enc: people.map((p) => seal(p, 'email_enc', p.email)),
    phone_enc: people.map((p) => seal(p, 'phone_enc', p.phone)),
    ft_id_enc: people.map((p) => seal(p, 'ft_id_enc', p.franceTravailId)),
    registration_status_enc: people.map((p) => seal(p, 'registration_status_enc', p.registrationStatus)),
    email_bidx: people.map((p) => index('personEmail', p.email)),
    phone_bidx: people.map((p) => index('personPhone', p.phone)),
    ft_id_bidx: people.map((p) => index('personFtId', p.franceTravailId)),
    name_bidx: people.map((p) => k.nameIndex(p.lastName, p.firstName)),
  };
  await inTransaction(deps.db, tx, async (tx) => {
    await tx.query(
      `INSERT INTO people (id, kind, last_name_enc, first_name_enc, birth_date_enc, address_enc, email_enc,
         phone_enc, ft_id_enc, registration_status_enc, email_bidx, phone_bidx, ft_id_bidx, name_bidx)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[],
         $7::bytea[], $8::bytea[], $9::bytea[], $10::bytea[], $11::bytea[], $12::bytea[], $13::bytea[], $14::bytea[])`,
      Object.values(columns),
    );
    await logWrite(deps.accessLog, tx, actor, purpose, columns.id, [
      'lastName',
      'firstName',
      'birthDate',
      'address',
      'email',
      'phone',
      'franceTravailId',
      'registrationStatus',
    ]);
  });
}

/** Encrypts candidate profiles and stores their pool facets as blind-index tokens. */
export async function createProfiles(deps: WriteDeps, actor: Actor, profiles: readonly NewProfile[], purpose: string) {
  requireSystem(actor);
  if (profiles.length === 0) return;
  await deps.keyring.refreshIfStale(deps.db);
  const k = deps.keyring;
  const seal = (profile: NewProfile, column: string, value: unknown) =>
    sealCell(k, 'candidate_profiles', column, profile.personId, value);
  const facets = profiles.flatMap((profile) =>
    profileFacets(profile).map((facet) => ({ personId: profile.personId, token: k.index('profileFacet', facet) })),
  );
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO candidate_profiles (person_id, career_enc, posts_sought_enc, zones_enc, languages_enc,
         aspirations_enc, pool_opt_in)
       SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::boolean[])`,
      [
        profiles.map((p) => p.personId),
        profiles.map((p) => seal(p, 'career_enc', p.career)),
        profiles.map((p) => seal(p, 'posts_sought_enc', p.postsSought)),
        profiles.map((p) => seal(p, 'zones_enc', p.zones)),
        profiles.map((p) => seal(p, 'languages_enc', p.languages)),
        profiles.map((p) => seal(p, 'aspirations_enc', p.aspirations)),
        profiles.map((p) => p.poolOptIn),
      ],
    );
    await tx.query(
      `INSERT INTO profile_facets (person_id, facet_bidx) SELECT * FROM unnest($1::uuid[], $2::bytea[])
       ON CONFLICT DO NOTHING`,
      [facets.map((f) => f.personId), facets.map((f) => f.token)],
    );
    const fields = ['career', 'postsSought', 'zones', 'languages', 'aspirations'];
    await logWrite(
      deps.accessLog,
      tx,
      actor,
      purpose,
      profiles.map((p) => p.personId),
      fields,
    );
  });
}

/** The searchable facets of a profile: zones, languages at each level reached, posts sought. */
export function profileFacets(profile: NewProfile): string[] {
  const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
  return [
    ...profile.zones.regions.map((region) => `region:${region}`),
    ...profile.zones.departements.map((code) => `departement:${code}`),
    ...profile.languages.flatMap((language) =>
      levels.slice(0, levels.indexOf(language.level) + 1).map((level) => `langue:${language.code}:${level}`),
    ),
    ...profile.postsSought.map((post) => `poste:${post}`),
  ];
}

/** Staff, partner and citizen accounts: login e-mail encrypted and indexed. */
export async function createAccounts(
  deps: WriteDeps,
  actor: Actor,
  accounts: readonly NewAccount[],
  purpose: string,
  tx?: Tx,
) {
  requireSystem(actor);
  if (accounts.length === 0) return;
  await deps.keyring.refreshIfStale(tx ?? deps.db);
  const k = deps.keyring;
  await inTransaction(deps.db, tx, async (tx) => {
    // One by one: accounts reference their creator and approver, which may be in the batch.
    for (const account of accounts) {
      await tx.query(
        `INSERT INTO accounts (id, role, organisation_id, person_id, status, email_enc, email_bidx,
           display_name_enc, password_hash, created_by, approved_by, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $11::uuid IS NULL THEN NULL ELSE now() END)`,
        [
          account.id,
          account.role,
          account.organisationId,
          account.personId,
          account.status,
          sealCell(k, 'accounts', 'email_enc', account.id, account.email),
          k.index('accountEmail', account.email),
          sealCell(k, 'accounts', 'display_name_enc', account.id, account.displayName),
          account.passwordHash,
          account.createdBy,
          account.approvedBy,
        ],
      );
    }
    const people = accounts.flatMap((account) => (account.personId ? [account.personId] : []));
    await logWrite(deps.accessLog, tx, actor, purpose, people, ['account.email', 'account.displayName']);
  });
}

/** Applications, with the candidate's message encrypted. */
export async function createApplications(
  deps: WriteDeps,
  actor: Actor,
  applications: readonly NewApplication[],
  purpose: string,
) {
  requireSystem(actor);
  if (applications.length === 0) return;
  await deps.keyring.refreshIfStale(deps.db);
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO applications (id, offer_id, person_id, status, message_enc, submitted_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bytea[], $6::timestamptz[])`,
      [
        applications.map((a) => a.id),
        applications.map((a) => a.offerId),
        applications.map((a) => a.personId),
        applications.map((a) => a.status),
        applications.map((a) => sealCell(deps.keyring, 'applications', 'message_enc', a.id, a.message)),
        applications.map((a) => a.submittedAt),
      ],
    );
    await logWrite(
      deps.accessLog,
      tx,
      actor,
      purpose,
      [...new Set(applications.map((a) => a.personId))],
      ['application.message'],
    );
  });
}

/** Entry, attendance, interruption and exit events; the free-text detail is encrypted. */
export async function createReferralEvents(
  deps: WriteDeps,
  actor: Actor,
  events: readonly NewReferralEvent[],
  purpose: string,
) {
  requireSystem(actor);
  if (events.length === 0) return;
  await deps.keyring.refreshIfStale(deps.db);
  await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; person_id: string }>(
      `INSERT INTO referral_events (id, referral_id, kind, occurred_on, detail_enc, declared_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::bytea[], $6::uuid[])
       RETURNING (SELECT person_id FROM referrals r WHERE r.id = referral_id) AS person_id, id`,
      [
        events.map((e) => e.id),
        events.map((e) => e.referralId),
        events.map((e) => e.kind),
        events.map((e) => e.occurredOn),
        events.map((e) => sealCell(deps.keyring, 'referral_events', 'detail_enc', e.id, e.detail)),
        events.map((e) => e.declaredBy),
      ],
    );
    await logWrite(
      deps.accessLog,
      tx,
      actor,
      purpose,
      [...new Set(rows.map((row) => row.person_id))],
      ['referralEvent.detail'],
    );
  });
}

/** Records canary people apart, as keyed marks only (see the canary_marks table). */
export async function markCanaries(deps: WriteDeps, actor: Actor, personIds: readonly string[]) {
  requireSystem(actor);
  const marks = personIds.map((id) => deps.keyring.mark('canary', id));
  await deps.db.query('INSERT INTO canary_marks (mark) SELECT unnest($1::bytea[]) ON CONFLICT DO NOTHING', [marks]);
}
