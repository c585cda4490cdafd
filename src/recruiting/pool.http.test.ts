import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.js';
import { recruitingWorld } from '../../test/support/recruiting.js';
import { accessesAbout } from '../audit/queries.js';
import { person, system } from '../../test/support/fixtures.js';
import { seedPeople, seedProfiles } from '../seed/seed.purposes.js';

const handleOf = (body: string) => /name="profil" value="([^"]+)"/.exec(body)?.[1];

/**
 * The pool over HTTP, on both engines: recruiter managers only, opted-in profiles only, a
 * criterion always, pseudonymous summaries, and a profile opened by its handle as a logged read.
 */
describe.each(engines)('the candidate pool (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof recruitingWorld>>;

  beforeAll(async () => {
    w = await recruitingWorld(engine);
  }, 120_000);
  afterAll(async () => {
    await w?.app.close();
    await w?.db.close();
  });

  it('gives a recruiter who is not a manager, and a candidate, nothing', async () => {
    for (const who of ['recruiterA', 'candidateA'] as const) {
      const page = await w.get('/recrutement/vivier?region=Bretagne', who);
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('profil');
    }
    const { rows } = await w.db.query("SELECT 1 FROM access_log WHERE purpose = 'recruiting.pool_search'");
    expect(rows).toEqual([]);
  });

  it('finds only opted-in profiles, as summaries with no name or contact', async () => {
    // Four candidates share these facets; only one opted in.
    const found = await w.get('/recrutement/vivier?region=Bretagne&langue=en&niveau=B1', 'managerA');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('1 profil correspond');
    expect(found.body).toContain('Profil 1');
    expect(found.body).toContain('Attaché d’administration');
    for (const person of [w.world.poolOnly, w.world.notInPool, w.world.applicantA, w.world.applicantB]) {
      expect(found.body).not.toContain(person.lastName);
      expect(found.body).not.toContain(person.id);
      expect(found.body).not.toContain(person.email!);
    }
    // The control: a level above the one reached matches nobody.
    expect((await w.get('/recrutement/vivier?region=Bretagne&langue=en&niveau=C1', 'managerA')).body).toContain(
      'Aucun profil ne correspond',
    );
  });

  it('serves a wide search page by page, each page its own logged search of its own people', async () => {
    // Twenty-five opted-in profiles seek posts in Normandie: more than a page of twenty.
    const wide = Array.from({ length: 25 }, (_, i) => person({ kind: 'candidate', lastName: `Normand${i}` }));
    await w.built.vault.write(system, seedPeople, wide);
    await w.built.vault.write(
      system,
      seedProfiles,
      wide.map((p) => ({
        id: p.id,
        career: [],
        postsSought: ['Archiviste'],
        zones: { regions: ['Normandie'], departements: [] },
        languages: [],
        aspirations: '',
        poolOptIn: true,
      })),
    );
    const handles = (body: string) => [...body.matchAll(/name="profil" value="([^"]+)"/g)].map((m) => m[1]);
    const first = await w.get('/recrutement/vivier?region=Normandie', 'managerA');
    expect(first.body).toContain('25 profils correspondent');
    expect(handles(first.body)).toHaveLength(20);
    expect(first.body).toContain('href="/recrutement/vivier?region=Normandie&amp;page=2#resultats"');
    const second = await w.get('/recrutement/vivier?region=Normandie&page=2', 'managerA');
    expect(handles(second.body)).toHaveLength(5);
    expect(second.body).toContain('Profil 21');
    expect(second.body).not.toContain('Profil 20<');
    // Each page is one search entry naming its own people: twenty, then the five others.
    const { rows } = await w.db.query<{ people: string[] }>(
      "SELECT people FROM access_log WHERE purpose = 'recruiting.pool_search' ORDER BY seq DESC LIMIT 2",
    );
    const [page2, page1] = rows.map((row) => row.people);
    expect(page1).toHaveLength(20);
    expect(page2).toHaveLength(5);
    expect(new Set([...page1!, ...page2!])).toEqual(new Set(wide.map((p) => p.id)));
    // Past the last page, or past the pages served, the address is refused.
    expect((await w.get('/recrutement/vivier?region=Normandie&page=3', 'managerA')).statusCode).toBe(404);
    expect((await w.get('/recrutement/vivier?region=Normandie&page=11', 'managerA')).statusCode).toBe(400);
  });

  it('never lists the pool without a criterion', async () => {
    const before = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log');
    const page = await w.get('/recrutement/vivier', 'managerA');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Profil 1');
    const onlyLevel = await w.get('/recrutement/vivier?niveau=B2', 'managerA');
    expect(onlyLevel.statusCode).toBe(400);
    expect(onlyLevel.body).toContain('Un niveau se choisit avec une langue');
    const after = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // A value outside the lists is refused, not searched.
    expect((await w.get('/recrutement/vivier?region=Atlantide', 'managerA')).statusCode).toBe(400);
  });

  it('opens a profile by its handle as a logged read, for the manager who searched only', async () => {
    const found = await w.get('/recrutement/vivier?departement=35', 'managerA');
    const handle = handleOf(found.body)!;
    expect(handle).toBeDefined();
    const opened = await w.post('/recrutement/vivier/profil', 'managerA', { profil: handle }, '/recrutement/vivier');
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Maël Le Gall');
    expect(opened.body).not.toContain(w.world.poolOnly.email!);
    expect(opened.body).not.toContain('06 12 34 56 78');
    const { rows } = await w.db.query<{ people: string[]; action: string }>(
      "SELECT people, action FROM access_log WHERE purpose = 'recruiting.pool'",
    );
    expect(rows).toEqual([{ people: [w.world.poolOnly.id], action: 'read' }]);
    // The person sees that read in « Mes accès », by organisation and role.
    await w.built.platform.sealer.sealNow();
    const seen = await accessesAbout(w.db, [w.world.poolOnly.id], { limit: 10 });
    expect(seen.map((entry) => entry.purpose)).toContain('recruiting.pool');
    // Another manager, or a forged handle, opens nothing: the same answer.
    const foreign = await w.post('/recrutement/vivier/profil', 'managerB', { profil: handle }, '/recrutement/vivier');
    const forged = await w.post(
      '/recrutement/vivier/profil',
      'managerA',
      { profil: `${handle.slice(0, -4)}AAAA` },
      '/recrutement/vivier',
    );
    expect(foreign.statusCode).toBe(404);
    expect(forged.statusCode).toBe(404);
    expect(foreign.body).not.toContain('Maël');
    // The page has no way out of the rules: no export, no list of ids.
    expect(found.body).not.toMatch(/export|csv/i);
  });

  it('never opens a profile that left the pool, even with a handle issued before', async () => {
    const found = await w.get('/recrutement/vivier?departement=35', 'managerA');
    const handle = handleOf(found.body)!;
    await w.db.query('UPDATE candidate_profiles SET pool_opt_in = false WHERE person_id = $1', [w.world.poolOnly.id]);
    const opened = await w.post('/recrutement/vivier/profil', 'managerA', { profil: handle }, '/recrutement/vivier');
    expect(opened.statusCode).toBe(404);
    expect((await w.get('/recrutement/vivier?departement=35', 'managerA')).body).toContain(
      'Aucun profil ne correspond',
    );
  });
});
