import type { DomainDeps } from '../domains.js';
import type { PrivacyItem, PrivacySection } from '../privacy/index.js';
import type { Actor } from '../vault/index.js';
import { personOf } from './deps.js';
import { readOwnApplication, readOwnHistory } from './recruiting.purposes.js';
import { reasonLabel, statusLabels } from './recruiting.policy.js';
import { everyPersonApplication, messagesToPerson } from './recruiting.repo.js';

/*
 * The candidate's applications in « Mes données » (GDPR art. 15 and 20): each application with
 * its status and the candidate's own message, and the recruiters' messages, read through the
 * door as the candidate, a page of ids at a time.
 */

/** Reads `ids` through `read` by pages of `size`, and returns each id's text. */
async function inPages(
  ids: readonly string[],
  size: number,
  read: (page: string[]) => Promise<{ id: string; text: string | null }[]>,
): Promise<Map<string, string | null>> {
  const texts = new Map<string, string | null>();
  for (let start = 0; start < ids.length; start += size) {
    for (const row of await read(ids.slice(start, start + size))) texts.set(row.id, row.text);
  }
  return texts;
}

async function applicationItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  const rows = await everyPersonApplication(deps.db, personOf(actor));
  const messages = await inPages(
    rows.map((row) => row.id),
    readOwnApplication.pageCap,
    async (page) =>
      (await deps.vault.read(actor, readOwnApplication, page)).map((r) => ({ id: r.id, text: r.message })),
  );
  return rows.map((row) => ({
    offer: row.title,
    reference: row.reference,
    employer: row.employer,
    status: statusLabels[row.status],
    reason: reasonLabel(row.refusal_reason),
    submittedAt: row.submitted_at.toISOString(),
    message: messages.get(row.id) ?? null,
  }));
}

async function messageItems(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  const rows = await messagesToPerson(deps.db, personOf(actor));
  const bodies = await inPages(
    rows.map((row) => row.id),
    readOwnHistory.pageCap,
    async (page) => (await deps.vault.read(actor, readOwnHistory, page)).map((r) => ({ id: r.id, text: r.body })),
  );
  return rows.map((row) => ({
    offer: row.title,
    sentAt: row.created_at.toISOString(),
    message: bodies.get(row.id) ?? null,
  }));
}

export const applicationsSection: PrivacySection = {
  key: 'candidatures',
  title: 'Candidatures',
  roles: ['candidate'],
  labels: {
    offer: 'Offre',
    reference: 'Référence',
    employer: 'Employeur',
    status: 'Statut',
    reason: 'Motif du refus',
    submittedAt: 'Envoyée le',
    message: 'Mon message',
  },
  collect: applicationItems,
};

export const recruiterMessagesSection: PrivacySection = {
  key: 'messages_recruteurs',
  title: 'Messages des recruteurs',
  roles: ['candidate'],
  labels: { offer: 'Offre', sentAt: 'Envoyé le', message: 'Message' },
  collect: messageItems,
};
