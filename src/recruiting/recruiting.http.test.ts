import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.js';
import { recruitingWorld, type Who } from '../../test/support/recruiting.js';

/** The page's main content, without the tokens that differ from one answer to the next. */
const mainOf = (body: string) =>
  (/<main[\s\S]*<\/main>/.exec(body)?.[0] ?? '').replace(/name="_csrf" value="[^"]*"/g, '');

/**
 * Applications and the pool over HTTP, on both engines: each side reaches its own and gets
 * nothing of the other's, with the same answer as for an id that does not exist.
 */
describe.each(engines)('recruiting over HTTP (%s)', (engine) => {
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

  /** The same answer as for an id that does not exist: status and page. */
  async function sameAsMissing(url: (id: string) => string, id: string, who: Who) {
    const [theirs, missing] = [await w.get(url(id), who), await w.get(url(randomUUID()), who)];
    expect(theirs.statusCode).toBe(404);
    expect(mainOf(theirs.body)).toBe(mainOf(missing.body));
    return theirs;
  }

  it('lists only the own employer’s applications, and lands recruiters on their home', async () => {
    const listA = await w.get('/recrutement/candidatures', 'recruiterA');
    expect(listA.statusCode).toBe(200);
    expect(listA.body).toContain('Zoé Garçon');
    expect(listA.body).not.toContain('Anaïs');
    const listB = await w.get('/recrutement/candidatures', 'recruiterB');
    expect(listB.body).toContain('Anaïs Müller');
    expect(listB.body).not.toContain('Zoé');
    expect(listB.body).not.toContain(appA);
    const home = await w.get('/espace', 'recruiterA');
    expect(home.headers.location).toBe('/recrutement');
    expect((await w.get('/recrutement', 'recruiterA')).body).toContain('Une nouvelle candidature attend votre examen');
    // A candidate is not a recruiter.
    expect((await w.get('/recrutement/candidatures', 'candidateA')).statusCode).toBe(403);
  });

  it('answers another employer’s application as a missing one, on every route', async () => {
    const own = await w.get(`/recrutement/candidatures/${appA}`, 'recruiterA');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Bonjour, je suis motivée.');
    // Only what the task needs: no e-mail, phone or address of the applicant.
    expect(own.body).not.toContain(w.world.applicantA.email!);
    expect(own.body).not.toContain('06 12 34 56 78');
    expect(own.body).not.toContain('rue des Lilas');
    const theirs = await sameAsMissing((id) => `/recrutement/candidatures/${id}`, appB, 'recruiterA');
    expect(theirs.body).not.toContain('Anaïs');
    for (const [action, fields] of [
      ['statut', { statut: 'reviewing', motif: '' }],
      ['message', { message: 'Bonjour' }],
    ] as const) {
      const posted = await w.post(`/recrutement/candidatures/${appB}/${action}`, 'recruiterA', fields);
      const missing = await w.post(`/recrutement/candidatures/${randomUUID()}/${action}`, 'recruiterA', fields);
      expect(posted.statusCode).toBe(404);
      expect(mainOf(posted.body)).toBe(mainOf(missing.body));
    }
    const { rows } = await w.db.query('SELECT status FROM applications WHERE id = $1', [appB]);
    expect(rows[0]).toEqual({ status: 'submitted' });
    expect((await w.db.query('SELECT 1 FROM application_events WHERE application_id = $1', [appB])).rows).toEqual([]);
  });

  it('changes a status with a reason from the list, and tells the candidate by e-mail with no personal data', async () => {
    const noReason = await w.post(`/recrutement/candidatures/${appA}/statut`, 'recruiterA', {
      statut: 'rejected',
      motif: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Un refus donne un motif de la liste');
    const moved = await w.post(`/recrutement/candidatures/${appA}/statut`, 'recruiterA', {
      statut: 'interview',
      motif: '',
    });
    expect(moved.statusCode).toBe(303);
    const sent = await w.post(`/recrutement/candidatures/${appA}/message`, 'recruiterA', {
      message: 'Bonjour Zoé,\nPouvez-vous venir mardi à 10 h ?',
    });
    expect(sent.statusCode).toBe(303);
    const candidate = w.actors.candidateA.kind === 'account' ? w.actors.candidateA.accountId : '';
    const { rows: mails } = await w.db.query<{ account_id: string; template: string; params: unknown }>(
      "SELECT account_id, template, params FROM mail_outbox WHERE template LIKE 'application_%' ORDER BY created_at, template",
    );
    expect(mails.map((m) => [m.account_id, m.template])).toEqual(
      expect.arrayContaining([
        [candidate, 'application_status'],
        [candidate, 'application_message'],
      ]),
    );
    for (const mail of mails) expect(mail.params).toEqual({ link: 'http://127.0.0.1:3000/candidat/candidatures' });
    // The message is sealed at rest.
    const stored = await w.db.query<{ dump: string }>('SELECT row_to_json(e)::text AS dump FROM application_events e');
    expect(stored.rows.map((r) => r.dump).join()).not.toContain('mardi');
    // The candidate reads the new status and the message.
    const detail = await w.get(`/candidat/candidatures/${appA}`, 'candidateA');
    expect(detail.body).toContain('Entretien');
    expect(detail.body).toContain('Pouvez-vous venir mardi à 10');
    // « Mes données » (GDPR art. 15 and 20) holds the application, its message and the recruiter's.
    const exported = await w.post('/mes-donnees/export', 'candidateA', {}, '/mes-donnees');
    expect(exported.statusCode).toBe(200);
    const sections = (exported.json() as { sections: Record<string, { items: Record<string, unknown>[] }> }).sections;
    expect(sections.candidatures!.items).toEqual([
      expect.objectContaining({ status: 'Entretien', message: 'Bonjour, je suis motivée.' }),
    ]);
    expect(sections.messages_recruteurs!.items).toEqual([
      expect.objectContaining({ message: 'Bonjour Zoé,\nPouvez-vous venir mardi à 10 h ?' }),
    ]);
    expect(exported.body).not.toContain('Anaïs');
  });

  it('lets a candidate reach only their own applications', async () => {
    const list = await w.get('/candidat/candidatures', 'candidateA');
    expect(list.body).toContain(appA);
    expect(list.body).not.toContain(appB);
    await sameAsMissing((id) => `/candidat/candidatures/${id}`, appB, 'candidateA');
    const withdrawn = await w.post(`/candidat/candidatures/${appB}/retrait`, 'candidateA', {});
    const missing = await w.post(`/candidat/candidatures/${randomUUID()}/retrait`, 'candidateA', {});
    expect(withdrawn.statusCode).toBe(404);
    expect(mainOf(withdrawn.body)).toBe(mainOf(missing.body));
    expect((await w.db.query('SELECT status FROM applications WHERE id = $1', [appB])).rows[0]).toEqual({
      status: 'submitted',
    });
    // A recruiter is not a candidate.
    expect((await w.get('/candidat/candidatures', 'recruiterA')).statusCode).toBe(403);
  });

  it('applies once to a published offer, and withdraws', async () => {
    const { rows } = await w.db.query<{ reference: string }>(
      'SELECT o.reference FROM offers o JOIN applications a ON a.offer_id = o.id WHERE a.id = $1',
      [appB],
    );
    const reference = rows[0]!.reference;
    const form = await w.get(`/candidat/candidatures/nouvelle?offre=${reference}`, 'candidateA');
    expect(form.statusCode).toBe(200);
    expect((await w.get('/candidat/candidatures/nouvelle?offre=2099-inconnue', 'candidateA')).statusCode).toBe(404);
    const url = `/candidat/candidatures/nouvelle?offre=${reference}`;
    const empty = await w.post(url, 'candidateA', { message: '', cv: 'aucun' }, url);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Écrivez quelques lignes au recruteur.');
    const applied = await w.post(url, 'candidateA', { message: 'Très intéressée par ce poste.', cv: 'aucun' }, url);
    expect(applied.statusCode).toBe(303);
    const again = await w.post(url, 'candidateA', { message: 'Encore moi.', cv: 'aucun' }, url);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Vous avez déjà postulé à cette offre');
    // A CV that is not one of the candidate's own is refused, on an offer they have not applied to
    // (on this one, « déjà postulé » would answer first and the CV would never be checked).
    const { rows: offersA } = await w.db.query<{ reference: string }>(
      'SELECT reference FROM offers WHERE employer_id = $1',
      [w.world.employerA],
    );
    const urlA = `/candidat/candidatures/nouvelle?offre=${offersA[0]!.reference}`;
    const foreignCv = await w.post(urlA, 'candidateB', { message: 'Bonjour', cv: randomUUID() }, urlA);
    expect(foreignCv.statusCode).toBe(400);
    expect(foreignCv.body).toContain('Choisissez un de vos CV.');
    const mine = await w.db.query<{ id: string }>(
      'SELECT a.id FROM applications a JOIN offers o ON o.id = a.offer_id WHERE o.reference = $1 AND a.person_id = $2',
      [reference, w.world.applicantA.id],
    );
    const id = mine.rows[0]!.id;
    // Employer B's recruiter now sees it; employer A's does not.
    expect((await w.get('/recrutement/candidatures', 'recruiterB')).body).toContain('Zoé Garçon');
    expect((await w.get(`/recrutement/candidatures/${id}`, 'recruiterA')).statusCode).toBe(404);
    expect((await w.post(`/candidat/candidatures/${id}/retrait`, 'candidateA', {})).statusCode).toBe(303);
    expect((await w.get(`/candidat/candidatures/${id}`, 'candidateA')).body).toContain('Retirée par la personne');
    const after = await w.post(`/recrutement/candidatures/${id}/statut`, 'recruiterB', {
      statut: 'reviewing',
      motif: '',
    });
    expect(after.statusCode).toBe(400);
    expect(after.body).toContain('La personne a retiré sa candidature');
  });
});
