import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryDigest, type StoredEntry } from './entries.js';
import { macHolds, sealMac, type Seal } from './seals.js';

const base: StoredEntry = {
  seq: 7,
  at: '2026-01-01T08:00:00.123000Z',
  actorId: '00000000-0000-4000-8000-000000000001',
  sessionId: 's1',
  action: 'read',
  purpose: 'training.follow_up',
  record: 'person',
  people: ['00000000-0000-4000-8000-000000000002'],
  probed: [],
  fields: ['lastName', 'email'],
  clientAddr: '192.0.2.1',
  outcome: 'allow',
  breadth: null,
};

describe('entry digest', () => {
  it('is SHA-256 over a fixed-order JSON array of the stored values, tagged with its version', () => {
    // Spelled out: changing the encoding breaks every stored seal, so it must be a deliberate act.
    const encoding =
      '["rempart-access-log-v2",7,"2026-01-01T08:00:00.123000Z","00000000-0000-4000-8000-000000000001","s1","read",' +
      '"training.follow_up","person",["00000000-0000-4000-8000-000000000002"],[],["lastName","email"],"192.0.2.1",' +
      '"allow",null]';
    expect(entryDigest(base)).toEqual(createHash('sha256').update(encoding, 'utf8').digest());
  });

  it.each<[string, Partial<StoredEntry>]>([
    ['seq', { seq: 8 }],
    ['time', { at: '2026-01-01T08:00:00.124000Z' }],
    ['actor', { actorId: null }],
    ['session', { sessionId: 's2' }],
    ['action', { action: 'search' }],
    ['purpose', { purpose: 'advising.portfolio' }],
    ['record kind', { record: 'account' }],
    ['people', { people: [] }],
    ['probed ids', { probed: ['00000000-0000-4000-8000-000000000003'] }],
    ['fields', { fields: ['lastName'] }],
    ['address', { clientAddr: null }],
    ['outcome', { outcome: 'deny' }],
    ['breadth', { breadth: 3 }],
  ])('changes with the %s', (_name, change) => {
    expect(entryDigest({ ...base, ...change })).not.toEqual(entryDigest(base));
  });

  it('cannot be confused by a value spilling into the next field', () => {
    const a = entryDigest({ ...base, fields: ['a","b'] });
    const b = entryDigest({ ...base, fields: ['a', 'b'] });
    expect(a).not.toEqual(b);
  });
});

describe('seal MAC', () => {
  const key = Buffer.alloc(32, 1);
  const unsigned: Omit<Seal, 'mac'> = {
    n: 3,
    fromSeq: 10,
    toSeq: 13,
    seqs: [11, 13],
    digests: [Buffer.alloc(32, 2), Buffer.alloc(32, 3)],
    sealedAt: new Date('2026-01-01T08:00:00Z'),
    prevMac: Buffer.alloc(32, 4),
  };
  const seal: Seal = { ...unsigned, mac: sealMac(key, unsigned) };

  it('holds under its key only', () => {
    expect(macHolds(key, seal)).toBe(true);
    expect(macHolds(Buffer.alloc(32, 9), seal)).toBe(false);
  });

  it.each<[string, Partial<Seal>]>([
    ['number', { n: 4 }],
    ['range', { toSeq: 14 }],
    ['numbers listed', { seqs: [12, 13] }],
    ['a digest', { digests: [Buffer.alloc(32, 2), Buffer.alloc(32, 5)] }],
    ['time', { sealedAt: new Date('2026-01-01T08:00:01Z') }],
    ['link to the previous seal', { prevMac: Buffer.alloc(32, 6) }],
  ])('no longer holds when its %s changes', (_name, change) => {
    expect(macHolds(key, { ...seal, ...change })).toBe(false);
  });
});
