/**
 * Who we are to authenticators: the relying party id is the host name of PUBLIC_URL, the
 * origin is its origin. A browser only answers a ceremony for the origin it is on, so a
 * phishing site on another name gets nothing it can use (WebAuthn Level 3, §13.4.9).
 */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingParty(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin, name: 'rempart' };
}
