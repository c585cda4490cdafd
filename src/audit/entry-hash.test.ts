import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalInput } from './canonical.js';
import { entryHash, GENESIS_HASH, type ChainedEntry } from './entry-hash.js';

const base: ChainedEntry = {
  seq: 7,
  at: new Date('2026-01-01T08:00:00.123Z'),
  actorId: '00000000-0000-4000-8000-000000000001',
  sessionId: 's1',
  action: 'read',
  purpose: 'training.follow_up',
  people: ['00000000-0000-4000-8000-000000000002'],
  fields: ['lastName', 'email'],
  clientAddr: '192.0.2.1',
  prevHash: GENESIS_HASH,
};

describe('entry hash', () => {
  it('is SHA-256 over a fixed-order JSON array, tagged with its version', () => {
    // Spelled out: changing the encoding breaks every stored chain, so it must be a deliberate act.
    const encoding =
      '["rempart-access-log-v1",7,"2026-01-01T08:00:00.123Z","00000000-0000-4000-8000-000000000001","s1","read",' +
      '"training.follow_up",["00000000-0000-4000-8000-000000000002"],["lastName","email"],"192.0.2.1",' +
      `"${'00'.repeat(32)}"]`;
    expect(entryHash(base)).toEqual(createHash('sha256').update(encoding, 'utf8').digest());
  });

  it.each<[string, Partial<ChainedEntry>]>([
    ['seq', { seq: 8 }],
    ['time, to the millisecond', { at: new Date('2026-01-01T08:00:00.124Z') }],
    ['actor', { actorId: null }],
    ['session', { sessionId: 's2' }],
    ['action', { action: 'export' }],
    ['purpose', { purpose: 'seed' }],
    ['people', { people: [] }],
    ['fields', { fields: ['lastName'] }],
    ['client address', { clientAddr: null }],
    ['previous hash', { prevHash: Buffer.alloc(32, 1) }],
  ])('covers the %s', (_name, change) => {
    expect(entryHash({ ...base, ...change })).not.toEqual(entryHash(base));
  });

  it('cannot be fooled by moving text across field or list boundaries', () => {
    const split = entryHash({ ...base, fields: ['lastName', 'email'] });
    expect(entryHash({ ...base, fields: ['lastName,email'] })).not.toEqual(split);
    expect(entryHash({ ...base, fields: ['lastName","email'] })).not.toEqual(split);
    expect(entryHash({ ...base, action: 'read', purpose: 'x' })).not.toEqual(
      entryHash({ ...base, action: 'readx', purpose: '' }),
    );
    expect(entryHash({ ...base, sessionId: null })).not.toEqual(entryHash({ ...base, sessionId: 'null' }));
  });
});

describe('canonical input', () => {
  const input = {
    actorId: 'ABCDEF00-0000-4000-8000-000000000001',
    sessionId: null,
    action: 'read',
    purpose: 'p',
    people: ['ABCDEF00-0000-4000-8000-000000000002'],
    fields: ['email'],
    clientAddr: null,
  };

  it('writes ids as the database gives them back (lower case)', () => {
    expect(canonicalInput(input)).toMatchObject({
      actorId: 'abcdef00-0000-4000-8000-000000000001',
      people: ['abcdef00-0000-4000-8000-000000000002'],
    });
  });

  it.each([
    ['an id that is not a UUID', { people: ['{abcdef00-0000-4000-8000-000000000002}'] }],
    ['a NUL character', { action: 'read\u0000' }],
    ['a lone surrogate', { fields: ['e\uD800'] }],
  ])('refuses %s, which the database would alter or reject', (_name, change) => {
    expect(() => canonicalInput({ ...input, ...change })).toThrow(TypeError);
  });
});
