import { linkedIds } from '../legit/pages.js';
import type { StaffUser } from '../world.js';
import { Attacker } from './attacker.js';

/*
 * The Kairos scenarios (2025: an infostealer on one OF user's machine; the thief used that
 * account to read 340,000 job seekers). The victim is an OF user at work; each attacker goes for
 * what a thief wants: every trainee's identity (the lists, 50 a request through the API) and then
 * every trainee's contact (« Voir les coordonnées », one file a request).
 */

/** An attacker's machine: another network (TEST-NET-3, RFC 5737) and its own browser. */
export const THIEF = {
  addr: '203.0.113.66',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36',
};

/** A script at full speed: four requests a second. */
export const FULL_SPEED_MS = 250;

interface Trainee {
  referralId: string;
}

/** One page of the organisation's trainees through the API, or null when refused. */
async function traineePage(attacker: Attacker, page: number, size: number): Promise<Trainee[] | null> {
  const { outcome, answer } = await attacker.api(`/api/v1/organisme/stagiaires?taille=${size}&page=${page}`);
  if (outcome !== 'ok') return null;
  return (JSON.parse(answer.body) as { stagiaires: Trainee[] }).stagiaires;
}

/**
 * Scrapes through `attacker` until a refusal it cannot get past, then tries `afterRefusal`
 * more requests (a script keeps going): the lists first, then each trainee's contact.
 */
async function scrape(attacker: Attacker, afterRefusal: number, pace: () => Promise<void> = async () => {}) {
  const referrals: string[] = [];
  let tries = 0;
  const done = () => attacker.stoppedAt !== null && tries++ >= afterRefusal;
  for (let page = 1; page <= 200 && !done(); page++) {
    const trainees = await traineePage(attacker, page, 50);
    await pace();
    if (trainees === null) continue;
    if (trainees.length === 0) break;
    referrals.push(...trainees.map((t) => t.referralId));
  }
  for (const id of referrals) {
    if (done()) break;
    await attacker.post(`/organisme/orientations/${id}/coordonnees`);
    await pace();
  }
  return referrals.length;
}

/**
 * kairos-replay: the cookie and the device key (the whole browser profile) copied to the
 * thief's machine, replayed from another network with another browser. The thief's script does
 * what the page's would: proves the key, then reads.
 */
export async function kairosReplay(victim: StaffUser, referralsSeen: string[]): Promise<Attacker> {
  const copy = victim.browser.copyTo(THIEF.addr, THIEF.userAgent);
  const attacker = new Attacker(copy, FULL_SPEED_MS);
  await attacker.open('/organisme/sessions');
  await attacker.renew();
  await traineePage(attacker, 1, 50);
  for (const id of referralsSeen.slice(0, 5)) {
    await attacker.open(`/organisme/orientations/${id}`);
    await attacker.post(`/organisme/orientations/${id}/coordonnees`);
  }
  await attacker.api('/api/v1/moi');
  await scrape(attacker, 10);
  return attacker;
}

/**
 * browser-malware: a script inside the victim's own browser (an extension, or code injected in
 * the page), with the victim's session and device key, from the victim's network and browser,
 * scraping at full speed.
 */
export async function browserMalware(victim: StaffUser): Promise<Attacker> {
  const attacker = new Attacker(victim.browser, FULL_SPEED_MS);
  await scrape(attacker, 20);
  return attacker;
}

/**
 * low-and-slow: the same malware, patient: one read a minute for a day (at minute k, the k-th
 * trainee's identity through the API, then that trainee's contact), keeping the tab's session
 * alive as the page's script does.
 */
export async function lowAndSlow(victim: StaffUser): Promise<Attacker> {
  const attacker = new Attacker(victim.browser, 1_000);
  const clock = victim.browser.clock;
  const start = clock.now().getTime();
  let refused = 0;
  for (let minute = 1; minute <= 24 * 60; minute++) {
    const trainees = await traineePage(attacker, minute, 1);
    if (trainees && trainees[0]) await attacker.post(`/organisme/orientations/${trainees[0].referralId}/coordonnees`);
    if (attacker.stoppedAt !== null && ++refused > 10) break;
    clock.set(new Date(start + minute * 60_000));
  }
  return attacker;
}

/** The referral ids a page of the victim's showed: what the thief's copied cache holds. */
export function referralsOn(body: string): string[] {
  return linkedIds(body, '/organisme/orientations/');
}
