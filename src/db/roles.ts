import type { Db } from './client.js';

/**
 * The role the application's queries run as. It may read and write the platform's tables, but
 * only append to the access log, its seals and its checkpoint copies (never UPDATE, DELETE or
 * TRUNCATE them), and only read the retention anchor and the migrations: the purge goes through
 * access_log_purge(), which runs with its owner's rights. Triggers refuse the same changes on
 * both engines (migration 0004), for whoever owns the tables.
 */
export const APP_ROLE = 'rempart_app';

const APPEND_ONLY = ['access_log', 'access_log_seals', 'access_log_checkpoints'];
const READ_ONLY = ['access_log_anchor', 'schema_migrations'];

/**
 * Creates the application's role if needed and gives it exactly its rights, as the owner of the
 * schema, after the migrations (so new tables are covered). `member`: a login role that should
 * act as the application (DATABASE_URL's, when the owner is another); none when the owner
 * itself will SET ROLE.
 */
export async function grantApplicationRole(owner: Db, member: string | null): Promise<void> {
  // Roles belong to the whole server: two databases created at once may race to create it.
  await owner.exec(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
      CREATE ROLE ${APP_ROLE} NOLOGIN;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`);
  await owner.exec(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.join(', ')} FROM ${APP_ROLE};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${READ_ONLY.join(', ')} FROM ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};`);
  if (member) {
    const { rows } = await owner.query<{ member: boolean }>('SELECT pg_has_role($1, $2, $3) AS member', [
      member,
      APP_ROLE,
      'MEMBER',
    ]);
    if (!rows[0]!.member) await owner.exec(`GRANT ${APP_ROLE} TO "${member.replace(/"/g, '""')}"`);
  }
}
