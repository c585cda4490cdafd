import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.js';
import { recruitingWorld } from '../../test/support/recruiting.js';
import { addOwnCv } from '../candidates/cvs.js';
import { samplePdf } from '../candidates/testing.js';
import { systemRandom } from '../kernel/random.js';
import { applyToOffer } from './recruiting.purposes.js';

/**
 * The CV attached to an application, on both engines: the candidate chooses one of their own,
 * the employer's recruiter downloads it as a logged read, and nobody else reaches it.
 */
describe.each(engines)('the CV of an application (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof recruitingWorld>>;
  let cvId: string;
  let applicationId: string;

  beforeAll(async () => {
    w = await recruitingWorld(engine);
    const added = await addOwnCv(
      {
        db: w.db,
        vault: w.built.vault,
        clock: w.built.clock,
        random: systemRandom,
      },
      w.actors.candidateA,
      { name: 'CV Zoé.pdf', bytes: await samplePdf() },
    );
    if (!added.ok) throw new Error('CV refusé');
    cvId = added.id;
  }, 120_000);
  afterAll(async () => {
    await w?.app.close();
    await w?.db.close();
  });

  const offerOfB = async () =>
    (
      await w.db.query<{ reference: string }>('SELECT reference FROM offers WHERE employer_id = $1', [
        w.world.employerB,
      ])
    ).rows[0]!.reference;

  it('offers the candidate their own CVs, and attaches the one chosen', async () => {
    const url = `/candidat/candidatures/nouvelle?offre=${await offerOfB()}`;
    const form = await w.get(url, 'candidateA');
    expect(form.body).toContain('CV Zoé.pdf');
    expect(form.body).toContain(`value="${cvId}"`);
    // Another candidate cannot attach it (to an offer of employer A, where they have not applied).
    const { rows: offersA } = await w.db.query<{ reference: string }>(
      'SELECT reference FROM offers WHERE employer_id = $1',
      [w.world.employerA],
    );
    const urlA = `/candidat/candidatures/nouvelle?offre=${offersA[0]!.reference}`;
    const foreign = await w.post(urlA, 'candidateB', { message: 'Bonjour', cv: cvId }, urlA);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('Choisissez un de vos CV.');
    const applied = await w.post(url, 'candidateA', { message: 'Voici mon CV.', cv: cvId }, url);
    expect(applied.statusCode).toBe(303);
    const { rows } = await w.db.query<{ id: string; cv_id: string }>(
      'SELECT id, cv_id FROM applications WHERE person_id = $1 AND cv_id IS NOT NULL',
      [w.world.applicantA.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cv_id).toBe(cvId);
    applicationId = rows[0]!.id;
  });

  it('lets the employer’s recruiter download it as a logged read, and nobody else', async () => {
    const page = `/recrutement/candidatures/${applicationId}`;
    expect((await w.get(page, 'recruiterB')).body).toContain(`action="${page}/cv"`);
    const download = await w.post(`${page}/cv`, 'recruiterB', {}, page);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { rows } = await w.db.query<{ purpose: string; people: string[] }>(
      "SELECT purpose, people FROM access_log WHERE purpose = 'recruiting.application_cv' AND outcome = 'allow'",
    );
    expect(rows).toHaveLength(1);
    // Employer A's recruiter: the same answer as for an application that does not exist.
    const theirs = await w.post(`${page}/cv`, 'recruiterA', {}, '/recrutement');
    const missing = await w.post(`/recrutement/candidatures/${randomUUID()}/cv`, 'recruiterA', {}, '/recrutement');
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(theirs.headers['content-type']).toBe(missing.headers['content-type']);
  });

  it('refuses a CV that is not the applicant’s own, even written into an application', async () => {
    const other = await addOwnCv(
      {
        db: w.db,
        vault: w.built.vault,
        clock: w.built.clock,
        random: systemRandom,
      },
      w.actors.candidateA,
      { name: 'Autre CV.pdf', bytes: await samplePdf() },
    );
    if (!other.ok) throw new Error('CV refusé');
    const own = await w.applicationOf(w.world.applicantB.id);
    // As if the column had been forged: employer B's application of Anaïs names Zoé's other CV.
    await w.db.query('UPDATE applications SET cv_id = $1 WHERE id = $2', [other.id, own]);
    const page = `/recrutement/candidatures/${own}`;
    const forged = await w.post(`${page}/cv`, 'recruiterB', {}, page);
    expect(forged.statusCode).toBe(404);
  });

  it('refuses, at the door, an application that names another person’s CV', async () => {
    const { rows } = await w.db.query<{ id: string }>('SELECT id FROM offers WHERE employer_id = $1', [
      w.world.employerA,
    ]);
    const row = (cv: string | null) => ({
      id: randomUUID(),
      offerId: rows[0]!.id,
      personId: w.world.applicantB.id,
      status: 'submitted' as const,
      submittedAt: w.built.clock.now(),
      cvId: cv,
      message: 'Bonjour',
    });
    // Past the route's own check, as a forged call would be: Zoé's CV on Anaïs's application.
    await expect(w.built.vault.write(w.actors.candidateB, applyToOffer, [row(cvId)])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // The control: the same application without that CV is written.
    await expect(w.built.vault.write(w.actors.candidateB, applyToOffer, [row(null)])).resolves.toBeUndefined();
  });
});
