import { hash as rawHash, parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword } from './hash-password.js';
import { needsRehash } from './needs-rehash.js';
import { ARGON2_PARAMS, MAX_PASSWORD_LENGTH } from './params.js';
import { verifyAgainstDummy } from './verify-dummy.js';
import { verifyPassword } from './verify-password.js';

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

describe('argon2id hashing', () => {
  it('meets the issue and OWASP floor: argon2id, m ≥ 19 MiB, t ≥ 2, p = 1', () => {
    expect(ARGON2_PARAMS.algorithm).toBe(2); // Argon2id in @node-rs/argon2
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(ARGON2_PARAMS.timeCost).toBeGreaterThanOrEqual(2);
    expect(ARGON2_PARAMS.parallelism).toBe(1);
  });

  it('writes a PHC string with those parameters and a fresh salt each time', async () => {
    const first = await hashPassword('Cheval-Agrafe-2026');
    const second = await hashPassword('Cheval-Agrafe-2026');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(first)).toMatchObject({ memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 });
    expect(first).not.toBe(second);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('Cheval-Agrafe-2026');
    expect(await verifyPassword(stored, 'Cheval-Agrafe-2026')).toBe(true);
    expect(await verifyPassword(stored, 'cheval-Agrafe-2026')).toBe(false);
    expect(await verifyPassword(stored, 'Cheval-Agrafe-2026 ')).toBe(false);
  });

  it('treats composed and decomposed accents as the same password (NFKC)', async () => {
    const stored = await hashPassword('Été-à-Sète-1999!');
    expect(await verifyPassword(stored, 'E\u0301te\u0301-a\u0300-Se\u0300te-1999!')).toBe(true);
  });

  it('refuses to hash an over-long password and never verifies one', async () => {
    const long = 'Ab1!'.repeat(MAX_PASSWORD_LENGTH / 4) + 'x';
    await expect(hashPassword(long)).rejects.toThrow(RangeError);
    const stored = await hashPassword(long.slice(0, MAX_PASSWORD_LENGTH));
    expect(await verifyPassword(stored, long.slice(0, MAX_PASSWORD_LENGTH))).toBe(true);
    expect(await verifyPassword(stored, long)).toBe(false);
  });

  it('fails loudly on a stored value that is not a PHC string', async () => {
    await expect(verifyPassword('not-a-hash', 'Cheval-Agrafe-2026')).rejects.toThrow();
  });
});

describe('needsRehash', () => {
  it('is false for a hash made now, true for weaker or foreign ones', async () => {
    expect(needsRehash(await hashPassword('Cheval-Agrafe-2026'))).toBe(false);
    const weaker = { ...ARGON2_PARAMS, memoryCost: 4096 };
    expect(needsRehash(await rawHash('Cheval-Agrafe-2026', weaker))).toBe(true);
    expect(needsRehash(await rawHash('Cheval-Agrafe-2026', { ...ARGON2_PARAMS, timeCost: 1 }))).toBe(true);
    expect(needsRehash(await rawHash('Cheval-Agrafe-2026', { ...ARGON2_PARAMS, algorithm: 1 }))).toBe(true);
    expect(needsRehash('$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW')).toBe(true);
  });

  it('is false for a hash stronger than today', async () => {
    expect(needsRehash(await rawHash('Cheval-Agrafe-2026', { ...ARGON2_PARAMS, timeCost: 3 }))).toBe(false);
  });
});

describe('verifyAgainstDummy', () => {
  it('answers false, even for the password a real account uses', async () => {
    expect(await verifyAgainstDummy('Cheval-Agrafe-2026')).toBe(false);
    expect(await verifyAgainstDummy('')).toBe(false);
  });

  it('costs what a real verification costs (no enumeration by timing)', async () => {
    const stored = await hashPassword('Cheval-Agrafe-2026');
    await verifyPassword(stored, 'warm-up');
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 11; i++) {
      real.push(await timed(() => verifyPassword(stored, 'Mauvais-Essai-42')));
      dummy.push(await timed(() => verifyAgainstDummy('Mauvais-Essai-42')));
    }
    // The fastest of each: other test files share the two cores, and what they take from one
    // verification only ever adds time; a dummy that skipped the hash would still be near 0.
    const ratio = Math.min(...dummy) / Math.min(...real);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});
