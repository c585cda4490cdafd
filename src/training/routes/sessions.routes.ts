import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formFields, invalid, type Web } from '../../http/kit/index.js';
import { actorOf } from '../../identity/index.js';
import { emptyForm, type FormState } from '../../ui/index.js';
import type { TrainingDeps } from '../deps.js';
import { sessionPage, type MeetingField } from '../pages/session.page.js';
import { newSessionPage, sessionsPage } from '../pages/sessions.page.js';
import { sessionView, traineeView } from '../training.presenter.js';
import { informationSlots } from '../training.repo.js';
import {
  addInformationMeeting,
  createSession,
  DATES_ORDER,
  sessionFields,
  sessionsPage as loadSessions,
} from '../sessions.js';
import { traineePage } from '../trainees.js';
import { idParams, ofPage, pageQuery } from './access.js';

const done = {
  session: 'La session est créée.',
  reunion: 'La réunion d’information est ajoutée.',
} as const;

const meetingFields = z.strictObject({
  place: formFields.text('Indiquez le lieu de la réunion.'),
  startsAt: formFields.text('Indiquez au moins un créneau, au format JJ/MM/AAAA HH:MM.', 400),
  minutes: z.coerce
    .number({ error: 'Indiquez la durée en minutes.' })
    .int({ error: 'Indiquez la durée en minutes.' })
    .min(15, { error: '15 minutes au moins.' })
    .max(480, { error: '8 heures au plus.' }),
  seats: z.coerce
    .number({ error: 'Indiquez le nombre de places.' })
    .int({ error: 'Indiquez le nombre de places.' })
    .min(1, { error: 'Au moins une place.' })
    .max(500, { error: '500 places au plus.' }),
});

const parisOffset = (day: string) => {
  // Paris is UTC+1 in winter and UTC+2 in summer (last Sunday of March to last Sunday of October).
  const probe = new Date(`${day}T12:00:00Z`);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', timeZone: 'Europe/Paris' }).format(probe));
  return hour - 12;
};

/** « 12/01/2027 09:30, 12/01/2027 14:00 » → instants, read as Paris time; null if one is not a date. */
function parseSlots(text: string): Date[] | null {
  const slots: Date[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2})[:h](\d{2})$/.exec(part);
    if (!match) return null;
    const [, dd, mm, yyyy, hh, min] = match;
    const day = `${yyyy}-${mm}-${dd}`;
    const at = new Date(`${day}T${hh}:${min}:00Z`);
    if (Number.isNaN(at.getTime())) return null;
    slots.push(new Date(at.getTime() - parisOffset(day) * 3_600_000));
  }
  return slots.length > 0 && slots.length <= 20 ? slots : null;
}

/** Sessions: the list, a new one, one session with its trainees and information meetings. */
export function registerSessionRoutes(web: Web, deps: TrainingDeps): void {
  web.page(
    '/organisme/sessions',
    {
      access: ofPage,
      query: z.strictObject({ page: pageQuery.page, fait: z.enum(['session', 'import']).optional() }),
      menu: 'Mes sessions',
    },
    async (request, reply) => {
      const sessions = await loadSessions(deps, actorOf(request), request.query.page);
      const message = request.query.fait === 'session' ? done.session : undefined;
      return reply.page(sessionsPage({ ...sessions, sessions: sessions.rows.map(sessionView), done: message }));
    },
  );
  web.page('/organisme/sessions/nouvelle', { access: ofPage, query: z.strictObject({}) }, async (_request, reply) =>
    reply.page(newSessionPage(emptyForm(reply.csrfToken()))),
  );
  web.form(
    '/organisme/sessions/nouvelle',
    { access: ofPage, fields: sessionFields, render: (form) => newSessionPage(form) },
    async (values, request, reply) => {
      if (values.endsOn < values.startsOn) invalid({ endsOn: DATES_ORDER });
      const id = await createSession(deps, actorOf(request), values);
      return reply.redirect(`/organisme/sessions/${id}?fait=session`, 303);
    },
  );

  async function showSession(
    request: FastifyRequest,
    id: string,
    page: number,
    form: FormState<MeetingField>,
    message?: string,
  ) {
    const actor = actorOf(request);
    const { session, trainees } = await traineePage(deps, actor, { sessionId: id, page, size: 20 });
    return sessionPage({
      session: sessionView(session!),
      slots: await informationSlots(deps.db, id),
      trainees: trainees.rows.map(traineeView),
      page: trainees.page,
      pages: trainees.pages,
      total: trainees.total,
      meetingForm: form,
      done: message,
    });
  }
  web.page(
    '/organisme/sessions/:id',
    {
      access: ofPage,
      params: idParams,
      query: z.strictObject({ page: pageQuery.page, fait: z.enum(['session', 'reunion']).optional() }),
    },
    async (request, reply) => {
      const message = request.query.fait ? done[request.query.fait] : undefined;
      return reply.page(
        await showSession(request, request.params.id, request.query.page, emptyForm(reply.csrfToken()), message),
      );
    },
  );
  web.form(
    '/organisme/sessions/:id/reunions',
    {
      access: ofPage,
      params: idParams,
      fields: meetingFields,
      render: (form, request) => showSession(request, (request.params as { id: string }).id, 1, form),
    },
    async (values, request, reply) => {
      const slots = parseSlots(values.startsAt);
      if (!slots)
        invalid({ startsAt: 'Indiquez de un à vingt créneaux au format JJ/MM/AAAA HH:MM, séparés par des virgules.' });
      await addInformationMeeting(deps, actorOf(request), request.params.id, {
        place: values.place,
        slots: slots.map((startsAt) => ({ startsAt, minutes: values.minutes, seats: values.seats })),
      });
      return reply.redirect(`/organisme/sessions/${request.params.id}?fait=reunion`, 303);
    },
  );
}
