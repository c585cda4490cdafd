import type { NewReferralEvent } from '../vault/index.js';
import type { PeopleContext, Standing } from './context.js';
import { pickNear } from './context.js';
import { addDays, atWorkingHour, daysBetween, minDay } from './dates.js';
import type { Rng } from './rng.js';
import type { SeedSession } from './trainings.js';

/** A row of `referrals`: a job seeker sent to a session by their advisor. */
export interface SeedReferral {
  id: string;
  sessionId: string;
  personId: string;
  referredBy: string;
  status: 'referred' | 'entered' | 'interrupted' | 'exited' | 'declined';
  referredAt: Date;
}

/** A row of `portfolios`. */
export interface SeedPortfolio {
  advisorId: string;
  personId: string;
  since: string;
}

const interruptionReasons = [
  'Interruption : reprise d’emploi en CDI.',
  'Interruption pour raisons de santé, justificatif reçu.',
  'Abandon sans motif communiqué, trois absences consécutives.',
  'Interruption : déménagement hors du département.',
  'Interruption : contraintes de garde d’enfant.',
];

const exitDetails = [
  'Sortie en fin de formation, titre obtenu.',
  'Sortie en fin de formation, titre obtenu partiellement.',
  'Sortie en fin de formation, examen à repasser.',
];

interface Timeline {
  status: SeedReferral['status'];
  events: { kind: NewReferralEvent['kind']; on: string; detail: string | null }[];
}

/** Entry, monthly attendance, then interruption or exit, up to today: what an OF declares. */
function timeline(rng: Rng, session: SeedSession, today: string): Timeline {
  if (session.startsOn > today) return { status: rng.chance(0.1) ? 'declined' : 'referred', events: [] };
  if (rng.chance(0.08)) return { status: 'declined', events: [] };
  const entry = minDay(addDays(session.startsOn, rng.int(0, 2)), today);
  const events: Timeline['events'] = [{ kind: 'entry', on: entry, detail: 'Entrée en formation confirmée.' }];
  const last = minDay(session.endsOn, today);
  const interruption =
    rng.chance(0.15) && daysBetween(entry, last) > 7 ? addDays(entry, rng.int(7, daysBetween(entry, last))) : null;
  const stop = interruption ?? last;
  for (let day = addDays(entry, 30); day <= stop; day = addDays(day, 30)) {
    events.push({ kind: 'attendance', on: day, detail: `Présence conforme au planning (${rng.int(15, 21)} jours).` });
  }
  if (interruption) {
    events.push({ kind: 'interruption', on: interruption, detail: rng.pick(interruptionReasons) });
    return { status: 'interrupted', events };
  }
  if (session.endsOn <= today) {
    events.push({ kind: 'exit', on: session.endsOn, detail: rng.pick(exitDetails) });
    return { status: 'exited', events };
  }
  return { status: 'entered', events };
}

/** A job seeker's advisor, referrals to training sessions and what the OF declared since. */
export function newKairos(rng: Rng, context: PeopleContext, personId: string, region: string, standing: Standing) {
  const advisor = pickNear(rng, context.advisors[standing], region);
  const portfolio: SeedPortfolio = {
    advisorId: advisor.id,
    personId,
    since: addDays(context.today, -rng.int(10, 900)),
  };
  const referralCount =
    standing === 'showcase'
      ? 1
      : rng.weighted([
          [0, 25],
          [1, 65],
          [2, 10],
        ]);
  const sessions = new Set<SeedSession>();
  for (let n = 0; n < referralCount; n++) sessions.add(pickNear(rng, context.sessions[standing], region));
  const referrals: SeedReferral[] = [];
  const events: NewReferralEvent[] = [];
  for (const session of sessions) {
    const declarers = context.declarers.get(session.organisationId)!;
    const referredOn = minDay(addDays(session.startsOn, -rng.int(7, 45)), context.today);
    const { status, events: declared } = timeline(rng, session, context.today);
    const referral: SeedReferral = {
      id: rng.uuid(),
      sessionId: session.id,
      personId,
      referredBy: advisor.id,
      status,
      referredAt: atWorkingHour(referredOn, rng.int(0, 600)),
    };
    referrals.push(referral);
    for (const event of declared) {
      events.push({
        id: rng.uuid(),
        referralId: referral.id,
        kind: event.kind,
        occurredOn: event.on,
        detail: event.detail,
        declaredBy: rng.pick(declarers).id,
      });
    }
  }
  return { portfolio, referrals, events };
}
