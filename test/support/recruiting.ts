import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/client.js';
import { createDeviceClient, type DeviceClient } from '../../src/identity/client/proof-client.js';
import type { Role } from '../../src/kernel/roles.js';
import type { Actor, Vault } from '../../src/vault/index.js';
import { openTestDb, type Engine } from './databases.js';
import { deviceSession } from './device-session.js';
import { twoOrganisations } from './fixtures.js';
import { addAccount, identityApp } from './identity.js';

const ADDR = '192.0.2.44';
const AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

/** Who the recruiting tests act as. */
export type Who = 'recruiterA' | 'managerA' | 'managerB' | 'recruiterB' | 'candidateA' | 'candidateB';

/**
 * The recruiting world on one engine: two employers with an application each, the pool's
 * people, a session per account bound to one device, and helpers to call pages, forms and the
 * API as each of them.
 */
export async function recruitingWorld(engine: Engine) {
  const db: Db = await openTestDb(engine);
  const built = await identityApp(db);
  const world = await twoOrganisations(db, built.vault);
  const extra = {
    recruiterB: await accountFor(built.vault, 'recruiter', world.employerB, null),
    candidateB: await accountFor(built.vault, 'candidate', null, world.applicantB.id),
  };
  const actors: Record<Who, Actor> = { ...world.actors, ...extra } as Record<Who, Actor>;
  const device: DeviceClient = await createDeviceClient();
  /** A session of `who` bound to `device`, from `addr` and `agent`: its cookie's value. */
  const openSession = async (who: Who, options: { addr?: string; agent?: string; now?: Date } = {}) => {
    const actor = actors[who];
    if (actor.kind !== 'account') throw new Error('un compte seulement');
    const now = options.now ?? built.clock.now();
    return deviceSession(db, {
      accountId: actor.accountId,
      role: actor.role,
      device,
      addr: options.addr ?? ADDR,
      userAgent: options.agent ?? AGENT,
      now,
    });
  };
  const cookies = {} as Record<Who, string>;
  for (const who of Object.keys(actors) as Who[]) cookies[who] = `__Host-rempart=${await openSession(who)}`;
  const app: FastifyInstance = built.app;
  const headers = (who: Who, extraHeaders: Record<string, string> = {}) => ({
    'user-agent': AGENT,
    accept: 'text/html',
    cookie: cookies[who],
    ...extraHeaders,
  });

  /** A page as `who`. */
  const get = (url: string, who: Who) => app.inject({ method: 'GET', url, remoteAddress: ADDR, headers: headers(who) });

  /** Posts a form as `who`, with the CSRF token of `from` (a page `who` can open). */
  const post = async (url: string, who: Who, fields: Record<string, string>, from = '/compte') => {
    const page = await get(from, who);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`pas de jeton CSRF sur ${from} (${page.statusCode})`);
    const jar = [cookies[who], ...page.cookies.map((c) => `${c.name}=${c.value}`)].join('; ');
    return app.inject({
      method: 'POST',
      url,
      remoteAddress: ADDR,
      headers: { ...headers(who), cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  };

  /** A JSON API call as `who`, with a fresh device proof unless `proof: false`. */
  const api = async (
    method: 'GET' | 'POST',
    url: string,
    who: Who,
    options: { body?: unknown; proof?: boolean } = {},
  ): Promise<LightMyRequestResponse> => {
    const nonceReply = await app.inject({
      method: 'GET',
      url: '/session/nonce',
      remoteAddress: ADDR,
      headers: headers(who),
    });
    const path = url.split('?', 1)[0]!;
    const proof: Record<string, string> =
      options.proof === false
        ? {}
        : {
            'rempart-proof': await device.proof({
              method,
              path,
              nonce: (nonceReply.json() as { nonce: string }).nonce,
              at: built.clock.now(),
            }),
          };
    return app.inject({
      method,
      url,
      remoteAddress: ADDR,
      headers: {
        ...headers(who, { accept: 'application/json', ...proof }),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    });
  };

  /** The id of the application of `personId`. */
  const applicationOf = async (personId: string) =>
    (await db.query<{ id: string }>('SELECT id FROM applications WHERE person_id = $1', [personId])).rows[0]!.id;

  return { db, app, built, world, actors, get, post, api, applicationOf, openSession };
}

async function accountFor(
  vault: Vault,
  role: Role,
  organisationId: string | null,
  personId: string | null,
): Promise<Actor> {
  const { id } = await addAccount(vault, { role, organisationId, personId });
  return { kind: 'account', accountId: id, role, organisationId, personId, sessionId: null, clientAddr: '127.0.0.1' };
}
