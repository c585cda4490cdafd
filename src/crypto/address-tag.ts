import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/*
 * Client addresses are personal data (GDPR recital 30; CNIL). Sessions and the login throttle
 * only ever ask whether two requests come from the same network, so they keep a keyed hash of
 * it, never the address: a copy of the database shows no citizen's address, and without the
 * key, kept outside the database and derived from the master key, a dump holder cannot even
 * test a guessed address against it (an unkeyed hash of 2^32 IPv4 addresses is reversed in
 * seconds).
 */

/**
 * The keyed hash an address is kept as: HMAC-SHA256 of its network (`addressKey`) under the key
 * derived from the master key for this purpose.
 */
export function addressTag(key: Buffer, addr: string): Buffer {
  return createHmac('sha256', key)
    .update(`rempart/address/v1/${addressKey(addr)}`)
    .digest();
}

/**
 * The network an address stands for: an IPv4 address as is (also when IPv4-mapped in IPv6), an
 * IPv6 address by its /64, since one subscriber usually holds a whole /64 (RFC 6177) and could
 * otherwise change address at every try, or at every privacy-address renewal (RFC 8981).
 */
export function addressKey(addr: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(addr)) return addr;
  const [head = '', tail = ''] = (addr.toLowerCase().split('%')[0] ?? '').split('::');
  const left = head ? hexGroups(head) : [];
  const right = addr.includes('::') && tail ? hexGroups(tail) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The 16-bit groups of part of an IPv6 address, a trailing dotted quad counting as two. */
function hexGroups(part: string): string[] {
  return part.split(':').flatMap((group) => {
    if (!group.includes('.')) return [group];
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  });
}
