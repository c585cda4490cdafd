import { accessesAbout } from '../audit/index.js';
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
  // A citizen's data is reached by citizens only as themselves (their own pages, their own
  // registration): those are not accesses by others. One more than a page says whether one follows.
  const rows = await accessesAbout(deps.db, subjects, {
    exceptActor: actor.accountId,
    limit: ACCESSES_PER_PAGE + 1,
    before,
  });
  const page = rows.slice(0, ACCESSES_PER_PAGE);
  return {
    accesses: page.map((row) => ({
      seq: row.seq,
      at: when.format(row.at),
      who: row.actorRole ? roleTitle(row.actorRole as Role) : 'La plateforme rempart',
      organisation: row.organisationName ?? (row.actorRole ? '—' : 'Traitement automatique'),
      why: purposeLabel(row.purpose),
      what: row.fields.length > 0 ? row.fields.map(fieldLabel).join(', ') : '—',
    })),
    next: rows.length > ACCESSES_PER_PAGE ? page[page.length - 1]!.seq : null,
  };
}
