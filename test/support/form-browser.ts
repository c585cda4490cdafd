import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/client.js';
import { createDeviceClient } from '../../src/identity/client/proof-client.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Role } from '../../src/vault/index.js';
import { deviceSession } from './device-session.js';

export const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
export const home = '192.0.2.40';

/** A browser as the server sees it: its cookies, and the CSRF token of the last page it opened. */
export class FormBrowser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    private readonly addr = home,
  ) {}

  private keep(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }
  private get jar() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  async open(url: string) {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.addr,
        headers: { 'user-agent': ua, accept: 'text/html', cookie: this.jar },
      }),
    );
  }
  async json(url: string, body: Record<string, unknown>) {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.addr,
        headers: { 'user-agent': ua, accept: 'application/json', cookie: this.jar, 'x-csrf-token': this.csrf },
        payload: body,
      }),
    );
  }
  async form(url: string, fields: Record<string, string>) {
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.addr,
        headers: {
          'user-agent': ua,
          accept: 'text/html',
          cookie: this.jar,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
      }),
    );
  }
}

/**
 * A browser holding a session of the account, opened now without the login pages, as after a
 * login whose second factor was checked `mfaAgoMs` ago; it then opens `firstPage`.
 */
export async function signedInBrowser(
  app: FastifyInstance,
  db: Db,
  input: { accountId: string; role: Role; clock: Clock; mfaAgoMs?: number; firstPage?: string },
): Promise<FormBrowser> {
  const device = await createDeviceClient();
  const session = await deviceSession(db, {
    accountId: input.accountId,
    role: input.role,
    device,
    addr: home,
    userAgent: ua,
    mfaAt: new Date(input.clock.now().getTime() - (input.mfaAgoMs ?? 0)),
    now: input.clock.now(),
  });
  const browser = new FormBrowser(app);
  browser.cookies.set('__Host-rempart', session);
  await browser.open(input.firstPage ?? '/compte');
  return browser;
}
