import type { DomainDeps } from '../domains.js';
import type { Actor } from '../vault/index.js';
import type { PrivacyItem, PrivacySection } from './section.js';
import { privacySections } from './sections.js';

/** One section of an export, with what it collected. */
export interface ExportedSection {
  section: PrivacySection;
  items: readonly PrivacyItem[];
}

/**
 * All of the signed-in person's data the platform holds, section by section, each read through
 * the door as the person (GDPR art. 15: access; art. 20: in a structured, machine-readable form).
 */
export async function collectOwnData(
  deps: DomainDeps,
  actor: Actor,
  sections: readonly PrivacySection[] = privacySections,
): Promise<ExportedSection[]> {
  if (actor.kind !== 'account') return [];
  const mine = sections.filter((section) => section.roles.includes(actor.role));
  const exported: ExportedSection[] = [];
  // One after the other: each is a logged read, and a person has few records.
  for (const section of mine) exported.push({ section, items: await section.collect(deps, actor) });
  return exported;
}

/** The JSON download: when, and each section under its key, its items under their keys. */
export function exportDocument(exported: readonly ExportedSection[], at: Date) {
  return {
    service: 'rempart',
    exportedAt: at.toISOString(),
    sections: Object.fromEntries(exported.map(({ section, items }) => [section.key, { title: section.title, items }])),
  };
}
