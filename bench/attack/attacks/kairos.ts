import { hasPage, linkedIds } from '../legit/pages.js';
import type { StaffUser } from '../world.js';
import { Attacker } from './attacker.js';

/*
 * The Kairos scenarios (2025: an infostealer on one OF user's machine; the thief used that
 * account to read 340,000 job seekers). The victim is an OF user at work; each attacker goes for
 * what a thief wants, by the paths the pages offer: « Mes sessions », each session's list of
 * trainees (their identities, 10 a page) in the order the portal shows them (latest start
 * first), then each trainee's contact (« Voir les coordonnées », one file a request). The API's
 * list of every trainee, oldest referral first, starts with a canary (src/seed/canaries/
 * training.ts): a thief who takes it is suspended at its first request, so the scenarios take
 * the pages, where it comes last.
 */

/** An attacker's machine: another network (TEST-NET-3, RFC 5737) and its own browser. */
export const THIEF = {
  addr: '203.0.113.66',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36',
};

/** A script at full speed: four requests a second. */
export const FULL_SPEED_MS = 250;

/** What a script does before each request: nothing at full speed, or waits for its turn. */
type Wait = () => void;
const noWait: Wait = () => undefined;

/** The sessions « Mes sessions » lists, page after page, in its order; stops once refused. */
async function sessionsListed(attacker: Attacker, wait = noWait): Promise<string[]> {
  const sessions: string[] = [];
  for (let page = 1; page <= 20; page++) {
    wait();
    const { outcome, answer } = await attacker.open(`/organisme/sessions${page > 1 ? `?page=${page}` : ''}`);
    if (outcome !== 'ok') break;
    sessions.push(...linkedIds(answer.body, '/organisme/sessions/'));
    if (!hasPage(answer.body, page + 1)) break;
  }
  return sessions;
}

/** One session's trainees, every page of its list. */
async function traineesOf(attacker: Attacker, sessionId: string, wait = noWait): Promise<string[]> {
  const referrals: string[] = [];
  for (let page = 1; page <= 20; page++) {
    wait();
    const { outcome, answer } = await attacker.open(
      `/organisme/sessions/${sessionId}${page > 1 ? `?page=${page}` : ''}`,
    );
    if (outcome !== 'ok') break;
    referrals.push(...linkedIds(answer.body, '/organisme/orientations/'));
    if (!hasPage(answer.body, page + 1)) break;
  }
  return referrals;
}

/**
 * Scrapes through `attacker` until a refusal it cannot get past, then tries `afterRefusal`
 * more requests (a script keeps going): every session's list, then each trainee's contact.
 */
async function scrape(attacker: Attacker, afterRefusal: number): Promise<void> {
  let tries = 0;
  const done = () => attacker.stoppedAt !== null && tries++ >= afterRefusal;
  const referrals: string[] = [];
  for (const session of await sessionsListed(attacker)) {
    if (done()) break;
    referrals.push(...(await traineesOf(attacker, session)));
  }
  for (const id of referrals) {
    if (done()) break;
    await attacker.post(`/organisme/orientations/${id}/coordonnees`);
  }
}

/**
 * kairos-replay: the cookie and the device key (the whole browser profile) copied to the
 * thief's machine, replayed from another network with another browser. The thief's script does
 * what the page's would: proves the key, then reads, by the pages and by the API.
 */
export async function kairosReplay(victim: StaffUser, referralsSeen: string[]): Promise<Attacker> {
  const copy = victim.browser.copyTo(THIEF.addr, THIEF.userAgent);
  const attacker = new Attacker(copy, FULL_SPEED_MS);
  await attacker.open('/organisme/sessions');
  await attacker.renew();
  await attacker.api('/api/v1/organisme/stagiaires?taille=50&page=2');
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
 * low-and-slow: the same malware, patient: one request a minute for a day, keeping the tab's
 * session alive as the page's script does. Each minute, the next page of the walk: a page of
 * « Mes sessions », a page of a session's trainees, or the next trainee's contact.
 */
export async function lowAndSlow(victim: StaffUser): Promise<Attacker> {
  const attacker = new Attacker(victim.browser, 1_000);
  const clock = victim.browser.clock;
  const start = clock.now().getTime();
  let n = 0;
  const nextMinute: Wait = () => void clock.set(new Date(Math.max(clock.now().getTime(), start + ++n * 60_000)));
  let refused = 0;
  const over = () => n >= 24 * 60 || (attacker.stoppedAt !== null && ++refused > 10);
  for (const session of await sessionsListed(attacker, nextMinute)) {
    if (over()) return attacker;
    for (const id of await traineesOf(attacker, session, nextMinute)) {
      if (over()) return attacker;
      nextMinute();
      await attacker.post(`/organisme/orientations/${id}/coordonnees`);
    }
  }
  return attacker;
}

/** The referral ids a page of the victim's showed: what the thief's copied cache holds. */
export function referralsOn(body: string): string[] {
  return linkedIds(body, '/organisme/orientations/');
}
