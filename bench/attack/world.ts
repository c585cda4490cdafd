import { addressTag } from '../../src/crypto/address-tag.js';
import { createDeviceClient } from '../../src/identity/client/proof-client.js';
import { parseDeviceKey } from '../../src/identity/sessions/device-proof.js';
import { createSession } from '../../src/identity/sessions/session-store.js';
import type { Role } from '../../src/kernel/roles.js';
import { plantCanaries } from '../../src/seed/canaries/index.js';
import { seedDatabase, type SeedResult } from '../../src/seed/index.js';
import { softAuthenticator } from '../../test/support/soft-authenticator.js';
import { SimBrowser } from './browser.js';
import { Dice } from './dice.js';
import { PUBLIC_URL, type SimServer } from './server.js';

/** A member of staff the simulation plays: their account, their office's address and browser. */
export interface StaffUser {
  id: string;
  role: Role;
  organisationId: string;
  displayName: string;
  /** The browser at the office, where the day's work is done. */
  browser: SimBrowser;
  /** The same person's browser at home (same passkey, another network), for evening work. */
  home: SimBrowser;
}

export interface World {
  seed: SeedResult;
  staff: StaffUser[];
  byRole(role: Role): StaffUser[];
}

/** Browsers of French public offices and partners, by rough share (Windows and Chrome or Edge mostly). */
const userAgents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.0.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
];

/**
 * Offices' public addresses in TEST-NET-1, homes' in TEST-NET-2 (RFC 5737), one per person;
 * TEST-NET-3 is left to the attackers. When the ceremonies' rate limit (real minutes) refuses a
 * login, the person's next login comes from another address of their network's pool (the
 * shared address space of RFC 6598, one /24 per person and place).
 */
function officeAddress(index: number): string {
  return `192.0.2.${index + 1}`;
}
function homeAddress(index: number): string {
  return `198.51.100.${index + 1}`;
}
function addressPool(index: number, place: 0 | 1): () => string {
  let next = 0;
  return () => `100.${64 + place}.${index}.${(next++ % 254) + 1}`;
}

/**
 * Seeds the world through the platform's own seeder (faker, fr locale: organisations, staff,
 * sessions, referrals, portfolios, offers, applications, the candidate pool) and plants its
 * canaries as `rempart seed` does, then gives each
 * staff member the simulation plays a passkey, enrolled over HTTP from « Clés d'accès » as
 * they would on their first day (the first session is opened directly, as an invitation would
 * leave it; every later one is a passkey login).
 */
export async function buildWorld(
  server: SimServer,
  options: { people: number; seed: number; today: string; roles: Partial<Record<Role, number>> },
): Promise<World> {
  const { platform } = server;
  const seed = await seedDatabase({
    db: platform.db,
    vault: platform.vault,
    people: options.people,
    seed: options.seed,
    today: options.today,
  });
  // The canaries, planted as `rempart seed` and the demo plant them (src/seed/canaries/), their
  // places drawn from the run's seed so that a run can be played again.
  const draws = new Dice(options.seed, 'canaries');
  await plantCanaries({
    ...platform,
    random: {
      bytes: (length) => Buffer.from(Array.from({ length }, () => draws.int(0, 255))),
      uuid: () => draws.uuid(),
    },
  });
  const dice = new Dice(options.seed, 'world');
  const wanted = new Map(Object.entries(options.roles) as [Role, number][]);
  const staff: StaffUser[] = [];
  for (const member of seed.plan.staff.all) {
    const left = wanted.get(member.role) ?? 0;
    if (left <= 0) continue;
    wanted.set(member.role, left - 1);
    if (staff.length >= 250) throw new RangeError('250 simulated staff at most');
    const agent = dice.pick(userAgents);
    const passkey = softAuthenticator(PUBLIC_URL);
    const index = staff.length;
    const browser = new SimBrowser(
      server.base,
      server.clock,
      officeAddress(index),
      agent,
      passkey,
      addressPool(index, 0),
    );
    const user: StaffUser = {
      id: member.id,
      role: member.role,
      organisationId: member.organisationId,
      displayName: member.displayName,
      browser,
      home: new SimBrowser(server.base, server.clock, homeAddress(index), agent, passkey, addressPool(index, 1)),
    };
    await enrolPasskey(server, user);
    staff.push(user);
  }
  return { seed, staff, byRole: (role) => staff.filter((user) => user.role === role) };
}

/** The first session, then « Ajouter une clé d'accès » over HTTP, then « Se déconnecter ». */
async function enrolPasskey(server: SimServer, user: StaffUser): Promise<void> {
  const { platform, clock } = server;
  const browser = user.browser;
  browser.device = await createDeviceClient();
  const { cookie } = await createSession(platform.db, {
    accountId: user.id,
    role: user.role,
    deviceKey: parseDeviceKey(browser.device.publicJwk)!,
    addrTag: addressTag(platform.keys.addressKey, browser.addr),
    userAgent: browser.userAgent,
    mfaAt: clock.now(),
    now: clock.now(),
    random: platform.random,
  });
  browser.cookies.set('__Host-rempart', cookie);
  browser.provenAt = clock.now().getTime();
  const page = await browser.open('/compte/cles');
  if (page.status !== 200) throw new Error(`/compte/cles ${page.status}`);
  const name = 'Poste de travail';
  const options = await browser.send('POST', '/compte/cles/options', { json: { name } });
  if (options.status !== 200) throw new Error(`/compte/cles/options ${options.status} ${options.body.slice(0, 200)}`);
  const response = browser.passkey!.register(
    (JSON.parse(options.body) as { options: Parameters<NonNullable<typeof browser.passkey>['register']>[0] }).options,
  );
  const done = await browser.send('POST', '/compte/cles', { json: { name, response } });
  if (done.status !== 200) throw new Error(`/compte/cles ${done.status} ${done.body.slice(0, 200)}`);
  await browser.open('/compte/cles');
  await browser.submit('/deconnexion', {});
  browser.cookies.delete('__Host-rempart');
}
