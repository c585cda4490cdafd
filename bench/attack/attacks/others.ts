import { randomUUID } from 'node:crypto';
import { regionNames } from '../../../src/recruiting/referential.js';
import { hiddenValues } from '../legit/pages.js';
import type { StaffUser } from '../world.js';
import { Attacker } from './attacker.js';
import { FULL_SPEED_MS } from './kairos.js';

/**
 * enumeration: random ids, as a script that has an advisor's session tries job seekers' pages
 * one id after another (France Travail 2024: advisor accounts reached people they did not follow).
 */
export async function enumeration(victim: StaffUser): Promise<Attacker> {
  const attacker = new Attacker(victim.browser, FULL_SPEED_MS);
  for (let i = 0; i < 60; i++) {
    const { outcome } = await attacker.open(`/conseiller/demandeurs/${randomUUID()}`);
    if (outcome === 'suspended' || outcome === 'signed_out') break;
  }
  return attacker;
}

/**
 * pool-scraping (Choisir le service public, 2026: a recruiter manager's account read 377,418
 * profiles): first a search that selects nearly everyone (English at A1 or better: three
 * profiles in four), then narrower ones, région by région, every page, every profile opened.
 */
export async function poolScraping(victim: StaffUser): Promise<Attacker> {
  const attacker = new Attacker(victim.browser, FULL_SPEED_MS);
  let tries = 0;
  const done = () => attacker.stoppedAt !== null && tries++ >= 20;
  const searches = [
    new URLSearchParams({ langue: 'en', niveau: 'A1' }),
    ...regionNames.map((region) => new URLSearchParams({ region })),
  ];
  for (const query of searches) {
    for (let page = 1; page <= 10 && !done(); page++) {
      const { outcome, answer } = await attacker.open(`/recrutement/vivier?${query}&page=${page}`);
      if (outcome !== 'ok' || answer.status !== 200) break;
      const handles = hiddenValues(answer.body, 'profil');
      if (handles.length === 0) break;
      for (const profil of handles) {
        if (done()) break;
        await attacker.post('/recrutement/vivier/profil', { profil });
      }
    }
    if (done()) break;
  }
  return attacker;
}

/**
 * rgc-accounts (Missions Locales, 2025: a hijacked account manager created two accounts that
 * read 1.6 M files): the RGC's session, just after its login (so the step-up that creating an
 * account needs is still fresh), lists the organisation's staff, asks for five new accounts,
 * tries to approve them itself, and lists the staff again.
 */
export async function rgcAccounts(victim: StaffUser): Promise<{ attacker: Attacker; asked: number }> {
  const attacker = new Attacker(victim.browser, FULL_SPEED_MS);
  await attacker.open('/gestion/comptes');
  let asked = 0;
  for (let i = 1; i <= 5; i++) {
    const form = await attacker.open('/gestion/comptes/nouveau');
    if (form.outcome !== 'ok') continue;
    const { answer } = await attacker.post('/gestion/comptes/nouveau', {
      displayName: `Camille Renfort ${i}`,
      email: `renfort.${i}.${randomUUID().slice(0, 6)}@exemple.fr`,
      role: 'of_user',
      organisationId: victim.organisationId,
      reason: 'reinforcement',
    });
    if (answer.status === 303 && answer.location?.includes('fait=demande')) asked++;
  }
  const queue = await attacker.open('/gestion/comptes');
  for (const account of hiddenValues(queue.answer.body, 'account').slice(0, 5)) {
    await attacker.post('/gestion/comptes/approuver', { account });
  }
  await attacker.open('/gestion/comptes');
  return { attacker, asked };
}
