import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { errorCatalogue, type ErrorCode } from '../../src/kernel/errors.js';
import type { FixedClock } from '../../src/kernel/clock.js';
import { createDeviceClient, type DeviceClient } from '../../src/identity/client/proof-client.js';
import { softAuthenticator } from '../../test/support/soft-authenticator.js';
import { PUBLIC_URL } from './server.js';

/** What a request came back with, as a person (or a script) in front of the page sees it. */
export interface Answer {
  status: number;
  /** Where a redirect sends the browser. */
  location: string | null;
  body: string;
  /** The catalogue's code of an error page or error body, when the answer is one. */
  code: ErrorCode | null;
}

/** How a page load ended, in the words the scenarios and the simulated users act on. */
export type Outcome = 'ok' | 'step_up' | 'signed_out' | 'suspended' | 'closed' | 'held' | 'not_found' | 'refused';

const CATALOGUE = Object.entries(errorCatalogue) as [ErrorCode, { status: number; message: string }][];

/** The code of an error answer: from a JSON body, or from the message of the French error page. */
function codeOf(status: number, body: string): ErrorCode | null {
  if (status < 400) return null;
  if (body.startsWith('{')) {
    try {
      return ((JSON.parse(body) as { error?: { code?: ErrorCode } }).error?.code ?? null) as ErrorCode | null;
    } catch {
      return null;
    }
  }
  if (status === 404) return 'NOT_FOUND';
  const found = CATALOGUE.find(([, entry]) => entry.status === status && body.includes(entry.message));
  return found ? found[0] : null;
}

/** The outcome of a page load from its answer. */
export function outcomeOf(answer: Answer): Outcome {
  if (answer.status < 300) return 'ok';
  if (answer.location?.startsWith('/compte/verification')) return 'step_up';
  if (answer.location?.startsWith('/connexion')) return 'signed_out';
  if (answer.status >= 300 && answer.status < 400) return 'ok';
  switch (answer.code) {
    case 'STEP_UP_REQUIRED':
      return 'step_up';
    case 'ACCOUNT_SUSPENDED':
      return 'suspended';
    case 'ACCESS_CLOSED':
      return 'closed';
    case 'DEVICE_VERIFICATION_REQUIRED':
      return 'held';
    case 'SESSION_EXPIRED':
    case 'UNAUTHENTICATED':
      return 'signed_out';
    case 'NOT_FOUND':
      return 'not_found';
    default:
      return 'refused';
  }
}

/** The page's own script renews the device proof every 4 minutes (docs/device-sessions.md). */
export const RENEW_EVERY_MS = 4 * 60_000;

/**
 * One browser, as the server sees it: a network address (sent by the proxy), a User-Agent, a
 * cookie jar, the CSRF token of the last page, the device key the page's script keeps, and the
 * passkey of its owner (a software authenticator; absent from an attacker's copy). It speaks
 * real HTTP to the server with fetch; its clock is the server's simulated one, as a device
 * synchronised by NTP would be.
 */
export class SimBrowser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  device: DeviceClient | null = null;
  /** When this browser last proved its device key (login or renewal). */
  provenAt = -Infinity;
  /** When the server last saw this browser's session (what its idle deadline counts from). */
  lastActiveAt = -Infinity;
  requests = 0;
  /** Requests by path (the first segment), for the bench's own accounting. */
  readonly byPath = new Map<string, number>();

  constructor(
    readonly base: string,
    readonly clock: FixedClock,
    public addr: string,
    readonly userAgent: string,
    readonly passkey: ReturnType<typeof softAuthenticator> | null = null,
    /**
     * Another address of the same network, for a login refused by the ceremonies' rate limit:
     * that limit (30 a minute per address) counts real minutes, and the simulation plays a day
     * in seconds, so a person with several logins a day would meet it where no real person
     * does. The new session is bound to the new address and stays there, like any other.
     */
    private readonly nextAddress: (() => string) | null = null,
  ) {}

  /** A copy of this browser's profile (cookies and device key) used from elsewhere: the infostealer's. */
  copyTo(addr: string, userAgent: string): SimBrowser {
    const copy = new SimBrowser(this.base, this.clock, addr, userAgent, null);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    copy.device = this.device;
    copy.provenAt = this.provenAt;
    return copy;
  }

  get signedIn(): boolean {
    return this.cookies.has('__Host-rempart');
  }

  private jar(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response, body: string): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
  }

  /** One HTTP request over the socket. */
  async send(
    method: 'GET' | 'POST',
    path: string,
    options: { form?: Record<string, string>; json?: unknown; proof?: boolean; accept?: string } = {},
  ): Promise<Answer> {
    this.requests++;
    const kind = `${method} ${path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;
    this.byPath.set(kind, (this.byPath.get(kind) ?? 0) + 1);
    const headers: Record<string, string> = {
      'x-forwarded-for': this.addr,
      'user-agent': this.userAgent,
      accept: options.accept ?? 'text/html,application/xhtml+xml',
    };
    const jar = this.jar();
    if (jar) headers.cookie = jar;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: this.csrf, ...options.form }).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = this.csrf;
      headers.accept = 'application/json';
      body = JSON.stringify(options.json);
    }
    if (options.proof) {
      if (!this.device) throw new Error('no device key');
      const nonce = await this.send('GET', '/session/nonce', { accept: 'application/json' });
      // No session any more: the API answers the same, without a proof to check.
      if (nonce.status !== 200) return nonce;
      headers['rempart-proof'] = await this.device.proof({
        method,
        path: path.split('?', 1)[0]!,
        nonce: (JSON.parse(nonce.body) as { nonce: string }).nonce,
        at: this.clock.now(),
      });
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    this.keep(response, text);
    if (response.status < 400) this.lastActiveAt = this.clock.now().getTime();
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: text,
      code: codeOf(response.status, text),
    };
  }

  /** The page script's renewal: a fresh server nonce signed with the device key. */
  async renew(): Promise<Outcome> {
    if (!this.signedIn || !this.device) return 'signed_out';
    const nonce = await this.send('GET', '/session/nonce', { accept: 'application/json' });
    if (nonce.status !== 200) return outcomeOf(nonce);
    const proof = await this.device.proof({
      method: 'POST',
      path: '/session/preuve',
      nonce: (JSON.parse(nonce.body) as { nonce: string }).nonce,
      at: this.clock.now(),
    });
    const headers = {
      'x-forwarded-for': this.addr,
      'user-agent': this.userAgent,
      accept: 'application/json',
      cookie: this.jar(),
      'rempart-proof': proof,
    };
    this.requests++;
    this.byPath.set('POST /session/preuve', (this.byPath.get('POST /session/preuve') ?? 0) + 1);
    const response = await fetch(`${this.base}/session/preuve`, { method: 'POST', headers, redirect: 'manual' });
    const text = await response.text();
    this.keep(response, text);
    const answer = { status: response.status, location: null, body: text, code: codeOf(response.status, text) };
    if (answer.status === 204) {
      this.provenAt = this.clock.now().getTime();
      this.lastActiveAt = this.provenAt;
      return 'ok';
    }
    return outcomeOf(answer);
  }

  /** Renews the proof first when the page script would have (every 4 minutes). */
  private async fresh(): Promise<void> {
    if (this.signedIn && this.clock.now().getTime() - this.provenAt >= RENEW_EVERY_MS) await this.renew();
  }

  /** Opens a page as a person does: the renewal the script makes, then the page. */
  async open(path: string): Promise<Answer> {
    await this.fresh();
    return this.send('GET', path);
  }

  /** Posts a form of the last page opened (its CSRF token), as a person clicking its button. */
  async submit(path: string, form: Record<string, string>): Promise<Answer> {
    await this.fresh();
    return this.send('POST', path, { form });
  }

  /** A JSON API call with its device proof (`/api/v1`). */
  async api(path: string): Promise<Answer> {
    return this.send('GET', path, { proof: true, accept: 'application/json' });
  }

  /**
   * Signs in with the passkey: the login page, the ceremony, a new device key bound to this
   * place. False when the server refuses (a suspended account's passkey is refused).
   */
  async loginWithPasskey(): Promise<boolean> {
    if (!this.passkey) throw new Error('no passkey');
    this.cookies.delete('__Host-rempart');
    this.device = await createDeviceClient();
    await this.send('GET', '/connexion');
    let options = await this.send('POST', '/connexion/cle/options', { json: {} });
    for (let retry = 0; options.status === 429 && this.nextAddress && retry < 5; retry++) {
      this.addr = this.nextAddress();
      await this.send('GET', '/connexion');
      options = await this.send('POST', '/connexion/cle/options', { json: {} });
    }
    if (options.status !== 200) throw new Error(`passkey options ${options.status} ${options.body.slice(0, 200)}`);
    const response = this.passkey.authenticate(
      (JSON.parse(options.body) as { options: PublicKeyCredentialRequestOptionsJSON }).options,
      new URL(PUBLIC_URL).hostname,
    );
    const done = await this.send('POST', '/connexion/cle', { json: { response, device_key: this.device.publicJwk } });
    if (done.status !== 200) return false;
    this.provenAt = this.clock.now().getTime();
    return true;
  }

  /** Answers a step-up with the passkey on the verification page, as its owner does. */
  async stepUpWithPasskey(retour = '/compte'): Promise<boolean> {
    if (!this.passkey) return false;
    const page = await this.send('GET', `/compte/verification?retour=${encodeURIComponent(retour)}`);
    if (page.status !== 200) return false;
    const options = await this.send('POST', '/compte/verification/cle/options', { json: {} });
    if (options.status !== 200) return false;
    const response = this.passkey.authenticate(
      (JSON.parse(options.body) as { options: PublicKeyCredentialRequestOptionsJSON }).options,
      new URL(PUBLIC_URL).hostname,
    );
    const done = await this.send('POST', '/compte/verification/cle', { json: { response, retour } });
    return done.status === 200;
  }
}
