import { z } from 'zod';
import type { Actor } from '../vault/index.js';
import { notFound, organisationOf, type TrainingDeps } from './deps.js';
import {
  findSession,
  insertInformationSession,
  insertSessions,
  listSessions,
  fundings,
  type NewSession,
} from './training.repo.js';
import { PAGE_CAP } from './training.policy.js';

/** A day typed as JJ/MM/AAAA (or as a date field sends it, AAAA-MM-JJ), as an ISO day. */
const day = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .transform((value) => value.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1'))
    .pipe(z.iso.date({ error: missing }));

export const DATES_ORDER = 'La date de fin précède la date de début.';

/**
 * What makes a session, whether typed in the form, sent by the API or read from a CSV row, with
 * the French sentence of each mistake. Formacode: five digits (Centre Inffo's thesaurus).
 */
export const sessionFields = z.strictObject({
  title: z
    .string({ error: 'Indiquez l’intitulé de la session.' })
    .trim()
    .min(3, { error: 'Indiquez l’intitulé de la session.' })
    .max(200, { error: '200 caractères au plus.' }),
  formacode: z
    .string({ error: 'Le code Formacode compte cinq chiffres.' })
    .trim()
    .regex(/^(\d{5})?$/, { error: 'Le code Formacode compte cinq chiffres.' })
    .transform((value) => value || null),
  startsOn: day('Indiquez la date de début (JJ/MM/AAAA).'),
  endsOn: day('Indiquez la date de fin (JJ/MM/AAAA).'),
  place: z
    .string({ error: 'Indiquez le lieu de la session.' })
    .trim()
    .min(2, { error: 'Indiquez le lieu de la session.' })
    .max(200, { error: '200 caractères au plus.' }),
  departement: z
    .string({ error: 'Indiquez un numéro de département (69, 2A, 974…).' })
    .trim()
    .regex(/^(\d{2}|2A|2B|97\d)$/, { error: 'Indiquez un numéro de département (69, 2A, 974…).' }),
  capacity: z.coerce
    .number({ error: 'Indiquez le nombre de places.' })
    .int({ error: 'Le nombre de places est un nombre entier.' })
    .min(1, { error: 'Au moins une place.' })
    .max(500, { error: '500 places au plus.' }),
  funding: z.enum(fundings, { error: 'Choisissez un financement.' }),
});

/** The same, with the dates in order: for imports and the API, whose rows are checked whole. */
export const sessionSchema = sessionFields.refine((s) => s.endsOn >= s.startsOn, {
  error: DATES_ORDER,
  path: ['endsOn'],
});

export type SessionInput = z.output<typeof sessionFields>;

/** One page of the organisation's sessions. */
export async function sessionsPage(deps: TrainingDeps, actor: Actor, page: number, size = 20) {
  const { organisationId } = organisationOf(actor);
  const limit = Math.min(size, PAGE_CAP);
  const { rows, total } = await listSessions(deps.db, organisationId, { limit, offset: (page - 1) * limit });
  return { rows, page, size: limit, total, pages: Math.max(1, Math.ceil(total / limit)) };
}

/** One of the organisation's sessions, or the same 404 as a session that does not exist. */
export async function sessionOf(deps: TrainingDeps, actor: Actor, sessionId: string) {
  const { organisationId } = organisationOf(actor);
  return (await findSession(deps.db, organisationId, sessionId)) ?? notFound();
}

/** Creates a session of the actor's organisation; returns its id. */
export async function createSession(deps: TrainingDeps, actor: Actor, input: SessionInput): Promise<string> {
  const { organisationId, accountId } = organisationOf(actor);
  const session: NewSession = { id: deps.random.uuid(), ...input };
  await insertSessions(deps.db, organisationId, accountId, [session], false);
  return session.id;
}

/** Adds an information meeting with its slots to one of the organisation's sessions. */
export async function addInformationMeeting(
  deps: TrainingDeps,
  actor: Actor,
  sessionId: string,
  input: { place: string; slots: readonly { startsAt: Date; minutes: number; seats: number }[] },
): Promise<void> {
  const session = await sessionOf(deps, actor, sessionId);
  await insertInformationSession(deps.db, {
    id: deps.random.uuid(),
    sessionId: session.id,
    place: input.place,
    createdBy: organisationOf(actor).accountId,
    slots: input.slots.map((slot) => ({ id: deps.random.uuid(), ...slot })),
  });
}
