import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../kernel/clock.js';
import { systemRandom } from '../kernel/random.js';
import { poolHandles } from './pool-handle.js';

/**
 * The pool's opaque handle: it opens only for the account that searched, only in the process
 * that issued it (its key is drawn at start and kept nowhere else), and only for 30 minutes.
 */
describe('pool handles', () => {
  const account = randomUUID();
  const person = randomUUID();

  it('opens for the account that searched, and for no other', () => {
    const handles = poolHandles({ random: systemRandom, clock: fixedClock(new Date('2026-11-26T09:00:00Z')) });
    const handle = handles.mint(account, person);
    expect(handle).not.toContain(person);
    expect(handles.open(account, handle)).toBe(person);
    expect(handles.open(randomUUID(), handle)).toBeNull();
  });

  it('opens nothing in another process, or after a restart: the key is drawn afresh', () => {
    const clock = fixedClock(new Date('2026-11-26T09:00:00Z'));
    const handle = poolHandles({ random: systemRandom, clock }).mint(account, person);
    expect(poolHandles({ random: systemRandom, clock }).open(account, handle)).toBeNull();
  });

  it('opens for 30 minutes, then never, nor from a clock set back', () => {
    const clock = fixedClock(new Date('2026-11-26T09:00:00Z'));
    const handles = poolHandles({ random: systemRandom, clock });
    const handle = handles.mint(account, person);
    clock.advance(30 * 60_000);
    expect(handles.open(account, handle)).toBe(person);
    clock.advance(1);
    expect(handles.open(account, handle)).toBeNull();
    clock.set(new Date('2026-11-26T08:59:59Z'));
    expect(handles.open(account, handle)).toBeNull();
  });

  it('opens nothing from a forged, truncated or empty handle', () => {
    const handles = poolHandles({ random: systemRandom, clock: fixedClock(new Date('2026-11-26T09:00:00Z')) });
    const handle = handles.mint(account, person);
    const flipped = Buffer.from(handle, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    for (const forged of [flipped.toString('base64url'), handle.slice(0, 30), '', person]) {
      expect(handles.open(account, forged)).toBeNull();
    }
  });
});
