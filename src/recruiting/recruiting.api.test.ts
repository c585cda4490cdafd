import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.js';
import { recruitingWorld } from '../../test/support/recruiting.js';

/**
 * The applications API on both engines: a device proof on every request, the same scope as the
 * pages (another employer's id answers as a missing one), zod in and out, in the OpenAPI document.
 */
describe.each(engines)('the applications API (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof recruitingWorld>>;
  let appA: string;
  let appB: string;

  beforeAll(async () => {
    w = await recruitingWorld(engine);
    appA = await w.applicationOf(w.world.applicantA.id);
    appB = await w.applicationOf(w.world.applicantB.id);
  }, 120_000);
  afterAll(async () => {
    await w?.app.close();
    await w?.db.close();
  });

  it('lists the own employer’s applications only, with a proof', async () => {
    const list = await w.api('GET', '/api/v1/recrutement/candidatures', 'recruiterA');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { candidatures: { id: string; candidat: unknown }[]; total: number };
    expect(body.total).toBe(1);
    expect(body.candidatures.map((c) => c.id)).toEqual([appA]);
    expect(body.candidatures[0]!.candidat).toEqual({ nom: 'Garçon', prenom: 'Zoé' });
    expect(list.body).not.toContain(w.world.applicantA.email!);
    const listB = await w.api('GET', '/api/v1/recrutement/candidatures?statut=submitted', 'recruiterB');
    expect((listB.json() as { candidatures: { id: string }[] }).candidatures.map((c) => c.id)).toEqual([appB]);
  });

  it('refuses a request without a device proof, and a role that is not a recruiter', async () => {
    const bare = await w.api('GET', '/api/v1/recrutement/candidatures', 'recruiterA', { proof: false });
    expect(bare.statusCode).toBe(401);
    expect(bare.json()).toMatchObject({ error: { code: 'PROOF_REQUIRED' } });
    const candidate = await w.api('GET', '/api/v1/recrutement/candidatures', 'candidateA');
    expect(candidate.statusCode).toBe(403);
    const noProofChange = await w.api('POST', `/api/v1/recrutement/candidatures/${appA}/statut`, 'recruiterA', {
      body: { statut: 'reviewing' },
      proof: false,
    });
    expect(noProofChange.statusCode).toBe(401);
    expect((await w.db.query('SELECT status FROM applications WHERE id = $1', [appA])).rows[0]).toEqual({
      status: 'submitted',
    });
  });

  it('changes the status of its own employer’s application only, the other’s answering as missing', async () => {
    const theirs = await w.api('POST', `/api/v1/recrutement/candidatures/${appB}/statut`, 'recruiterA', {
      body: { statut: 'reviewing' },
    });
    const missing = await w.api('POST', `/api/v1/recrutement/candidatures/${randomUUID()}/statut`, 'recruiterA', {
      body: { statut: 'reviewing' },
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toEqual(missing.json());
    const badReason = await w.api('POST', `/api/v1/recrutement/candidatures/${appA}/statut`, 'recruiterA', {
      body: { statut: 'rejected', motif: 'trop âgée' },
    });
    expect(badReason.statusCode).toBe(400);
    const noReason = await w.api('POST', `/api/v1/recrutement/candidatures/${appA}/statut`, 'recruiterA', {
      body: { statut: 'rejected' },
    });
    expect(noReason.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const refused = await w.api('POST', `/api/v1/recrutement/candidatures/${appA}/statut`, 'recruiterA', {
      body: { statut: 'rejected', motif: 'poste_pourvu' },
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ id: appA, statut: 'rejected', motif: 'poste_pourvu' });
    // The answer names no one: the applicant's name leaves with the list only.
    expect(refused.json()).not.toHaveProperty('candidat');
    const { rows } = await w.db.query('SELECT status FROM applications WHERE id = $1', [appB]);
    expect(rows[0]).toEqual({ status: 'submitted' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/recrutement/candidatures', '/api/v1/recrutement/candidatures/{id}/statut']),
    );
  });
});
