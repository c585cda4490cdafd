import type { Db } from '../db/client.js';
import { seedApplicationEvents } from '../recruiting/recruiting.purposes.js';
import type { ApplicationStatus, Vault } from '../vault/index.js';
import { seedActor } from './actor.js';
import { Rng } from './rng.js';

/*
 * The demo's recruiting history: each seeded application that moved past « reçue » gets the
 * status change that moved it (a refusal with a reason from the list), and an interview a
 * message from the recruiter, so that every recruiting page has something real to show. The
 * showcase candidate's applications all get a message. Deterministic for a seed.
 */

const reasons = ['profil_inadapte', 'experience_insuffisante', 'poste_pourvu', 'autre_candidature'] as const;
const messages = [
  'Bonjour,\nVotre candidature a retenu notre attention. Pourriez-vous nous indiquer vos disponibilités pour un entretien la semaine prochaine ?',
  'Bonjour,\nNous vous remercions de votre candidature. L’entretien aura lieu dans nos locaux ; merci de vous munir d’une pièce d’identité.',
  'Bonjour,\nAuriez-vous la possibilité de nous transmettre la copie de votre dernier arrêté de situation administrative ?',
];
const DAY = 86_400_000;

export async function seedRecruitingDemo(input: {
  db: Db;
  vault: Vault;
  seed: number;
  now: Date;
  /** The showcase candidate: their applications all carry a message. */
  showcasePersonId: string | null;
}): Promise<number> {
  const rng = new Rng(input.seed, 'recruiting-demo');
  const { rows } = await input.db.query<{
    id: string;
    status: ApplicationStatus;
    submitted_at: Date;
    person_id: string;
  }>(
    `SELECT id, status, submitted_at, person_id FROM applications
     WHERE (status <> 'submitted' OR person_id = $1) ORDER BY id`,
    [input.showcasePersonId],
  );
  const events: {
    id: string;
    applicationId: string;
    kind: 'status' | 'message';
    status: ApplicationStatus | null;
    refusalReason: string | null;
    authorId: string | null;
    createdAt: Date;
    body: string | null;
  }[] = [];
  const refusals: { id: string; reason: string }[] = [];
  for (const row of rows) {
    const room = Math.max(1, input.now.getTime() - row.submitted_at.getTime());
    const at = (share: number) => new Date(row.submitted_at.getTime() + Math.min(room * share, 20 * DAY));
    const base = { applicationId: row.id, authorId: null, refusalReason: null as string | null };
    if (row.status !== 'submitted') {
      const reason = row.status === 'rejected' ? rng.pick(reasons) : null;
      if (reason) refusals.push({ id: row.id, reason });
      events.push({
        ...base,
        id: rng.uuid(),
        kind: 'status',
        status: row.status,
        refusalReason: reason,
        createdAt: at(0.4),
        body: null,
      });
    }
    if (row.status === 'interview' || row.person_id === input.showcasePersonId) {
      events.push({
        ...base,
        id: rng.uuid(),
        kind: 'message',
        status: null,
        createdAt: at(0.6),
        body: rng.pick(messages),
      });
    }
  }
  if (events.length === 0) return 0;
  await input.db.query(
    `UPDATE applications a SET refusal_reason = r.reason FROM unnest($1::uuid[], $2::text[]) AS r(id, reason)
     WHERE a.id = r.id AND a.status = 'rejected'`,
    [refusals.map((r) => r.id), refusals.map((r) => r.reason)],
  );
  await input.vault.write(seedActor, seedApplicationEvents, events);
  return events.length;
}
