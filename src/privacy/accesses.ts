import { accessesAbout, type AccessAbout } from '../audit/index.js';
import type { DomainDeps } from '../domains.js';
import { roleTitle, type Role } from '../kernel/roles.js';
import type { Actor } from '../vault/index.js';
import { fieldLabel, purposeLabel } from './words.js';

/** How many accesses one page of « Mes accès » shows. */
export const ACCESSES_PER_PAGE = 20;

/** One access as the person reads it: when, who (a role and an organisation, never a name), why, what. */
export interface AccessView {
  seq: number;
  at: string;
  who: string;
  organisation: string;
  why: string;
  what: string;
}

/** Entries read per call of accessesAbout, and calls per page at most. */
const BATCH = 100;
const MAX_BATCHES = 20;

/**
 * A citizen's data is reached by citizens only as themselves (their own pages, their own
 * registration): those are not accesses by others.
 */
const isCitizen = (role: string | null) => role === 'candidate' || role === 'job_seeker';

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * A page of the accesses to the signed-in person's data by others, newest first, from the
 * access log (src/audit/queries.ts): the reader's role and organisation, never a staff member's
 * name or address (GDPR art. 15(1)(c): the recipients). `before` is the cursor of the next page.
 */
export async function ownAccesses(
  deps: DomainDeps,
  actor: Actor,
  before: number | undefined,
): Promise<{ accesses: AccessView[]; next: number | null }> {
  if (actor.kind !== 'account') return { accesses: [], next: null };
  const subjects = [actor.accountId, ...(actor.personId ? [actor.personId] : [])];
  const kept: AccessAbout[] = [];
  let cursor = before;
  // The person's own reads (each page of their space is one) are left out here rather than in
  // accessesAbout, whose limit counts them: batches go back until a page is full or the log ends.
  for (let batch = 0; batch < MAX_BATCHES && kept.length <= ACCESSES_PER_PAGE; batch++) {
    const rows = await accessesAbout(deps.db, subjects, { limit: BATCH, before: cursor });
    kept.push(...rows.filter((row) => !isCitizen(row.actorRole)));
    if (rows.length < BATCH) {
      cursor = undefined;
      break;
    }
    cursor = rows[rows.length - 1]!.seq;
  }
  const page = kept.slice(0, ACCESSES_PER_PAGE);
  const more = kept.length > ACCESSES_PER_PAGE || cursor !== undefined;
  return {
    accesses: page.map((row) => ({
      seq: row.seq,
      at: when.format(row.at),
      who: row.actorRole ? roleTitle(row.actorRole as Role) : 'La plateforme rempart',
      organisation: row.organisationName ?? (row.actorRole ? '—' : 'Traitement automatique'),
      why: purposeLabel(row.purpose),
      what: row.fields.length > 0 ? row.fields.map(fieldLabel).join(', ') : '—',
    })),
    next: more && page.length > 0 ? page[page.length - 1]!.seq : null,
  };
}
