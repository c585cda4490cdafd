import { describe, expect, it } from 'vitest';
import { allPurposes } from '../purposes.js';
import { composePurposes, PurposeError } from './registry.js';
import { readPurpose, searchPurpose, writePurpose, type AnyPurpose } from './purpose.js';

const trainees = readPurpose({
  name: 'training.example',
  record: 'person',
  roles: ['of_user'],
  subject: 'organisation',
  fields: ['lastName'],
  scope: `SELECT r.person_id AS id FROM referrals r JOIN training_sessions s ON s.id = r.session_id
    WHERE s.organisation_id = :subject AND r.person_id = ANY(:ids)`,
  pageCap: 50,
});

const refusal = (purposes: AnyPurpose[]) => {
  try {
    composePurposes([purposes]);
  } catch (error) {
    if (error instanceof PurposeError) return error.message;
    throw error;
  }
  return null;
};

describe('the purposes the vault composes at start', () => {
  it('accepts every domain’s declared purposes, and a sound one (the control)', () => {
    expect(() => composePurposes(allPurposes)).not.toThrow();
    expect(refusal([trainees])).toBeNull();
  });

  it.each([
    [
      'an encrypted column',
      'SELECT id FROM people WHERE last_name_enc IS NOT NULL AND id = ANY(:ids) AND :subject IS NOT NULL',
    ],
    [
      'a blind index',
      'SELECT id FROM people WHERE email_bidx = email_bidx AND id = ANY(:ids) AND :subject IS NOT NULL',
    ],
    [
      'a facet index',
      'SELECT person_id AS id FROM profile_facets WHERE facet_bidx IS NOT NULL AND person_id = ANY(:ids) AND :subject IS NOT NULL',
    ],
  ])('refuses a scope that names %s', (_what, scope) => {
    expect(refusal([{ ...trainees, scope }])).toMatch(/nomme la colonne chiffrée ou l’index aveugle/);
  });

  it('refuses a scope that ignores the ids asked, or its subject, or holds two statements', () => {
    expect(
      refusal([{ ...trainees, scope: 'SELECT person_id AS id FROM referrals WHERE :subject IS NOT NULL' }]),
    ).toMatch(/:ids/);
    expect(
      refusal([{ ...trainees, scope: 'SELECT person_id AS id FROM referrals WHERE person_id = ANY(:ids)' }]),
    ).toMatch(/:subject/);
    expect(refusal([{ ...trainees, scope: `${trainees.scope}; DELETE FROM referrals` }])).toMatch(/une seule requête/);
  });

  it('refuses a duplicate name, an unknown field, a page cap out of bounds, and nobody allowed', () => {
    expect(refusal([trainees, { ...trainees }])).toMatch(/déjà déclaré/);
    expect(refusal([{ ...trainees, fields: ['lastName', 'salary'] } as unknown as AnyPurpose])).toMatch(
      /le champ « salary » n’existe pas/,
    );
    expect(refusal([{ ...trainees, pageCap: 100_000 }])).toMatch(/plafond par page/);
    expect(refusal([{ ...trainees, roles: [] }])).toMatch(/aucun rôle/);
  });

  it('refuses a search without criterion kinds and a write outside its table', () => {
    const search = searchPurpose({ ...trainees, by: [], name: 'training.search' });
    expect(refusal([search])).toMatch(/au moins un critère/);
    const write = writePurpose({
      name: 'training.write',
      table: 'person',
      mode: 'create',
      roles: ['of_user'],
      subject: 'organisation',
      fields: ['lastName'],
      scope: 'SELECT id FROM new_rows WHERE :subject IS NOT NULL',
    });
    expect(refusal([write])).toBeNull();
    expect(refusal([{ ...write, fields: ['career'] } as unknown as AnyPurpose])).toMatch(
      /n’existe pas dans « person »/,
    );
    expect(refusal([{ ...write, scope: 'SELECT id FROM people WHERE :subject IS NOT NULL' }])).toMatch(/new_rows/);
  });

  it('refuses a search’s extent that names an encrypted column, takes the ids asked, or holds two statements', () => {
    const search = searchPurpose({ ...trainees, by: ['franceTravailId'], name: 'training.search' });
    const extent = (sql: string) => refusal([{ ...search, extent: sql }]);
    expect(extent('SELECT count(*) FROM referrals WHERE session_id IS NOT NULL')).toBeNull();
    expect(extent('SELECT count(*) FROM people WHERE last_name_enc IS NOT NULL')).toMatch(/étendue nomme la colonne/);
    expect(extent('SELECT count(*) FROM people WHERE id = ANY(:ids)')).toMatch(/sans identifiants/);
    expect(extent('SELECT 1; SELECT 2')).toMatch(/étendue doit être une seule requête/);
  });
});
