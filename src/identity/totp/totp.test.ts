import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { Random } from '../../kernel/random.js';
import { systemRandom } from '../../kernel/random.js';
import { newTotpSecret } from './new-secret.js';
import { totpStep } from './params.js';
import { totpUri } from './uri.js';
import { verifyTotp } from './verify.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = new Date('2026-11-20T10:00:10Z');
const STEP_MS = 30_000;

/** What an authenticator app shows at `when`, computed by otpauth's own generator. */
function codeAt(secret: string, when: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: when.getTime() });
}
const shifted = (steps: number) => new Date(at.getTime() + steps * STEP_MS);

describe('verifyTotp', () => {
  it('matches the RFC 6238 Appendix B test vectors (last 6 of the 8 digits)', () => {
    expect(verifyTotp({ secret: RFC_SECRET, code: '287082', at: new Date(59_000), lastUsedStep: 0 })).toEqual({
      ok: true,
      step: 1,
    });
    const vectors: [number, string][] = [
      [1_111_111_109, '081804'],
      [1_234_567_890, '005924'],
      [2_000_000_000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      expect(verifyTotp({ secret: RFC_SECRET, code, at: new Date(seconds * 1000), lastUsedStep: 0 })).toEqual({
        ok: true,
        step: Math.floor(seconds / 30),
      });
    }
  });

  it('accepts the current step and one step either side, not two', () => {
    const secret = newTotpSecret(systemRandom);
    const t = totpStep(at);
    for (const delta of [-1, 0, 1]) {
      expect(verifyTotp({ secret, code: codeAt(secret, shifted(delta)), at, lastUsedStep: 0 })).toEqual({
        ok: true,
        step: t + delta,
      });
    }
    for (const delta of [-2, 2]) {
      expect(verifyTotp({ secret, code: codeAt(secret, shifted(delta)), at, lastUsedStep: 0 })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
  });

  it('refuses a code already used, given the step the first use returned', () => {
    const secret = newTotpSecret(systemRandom);
    const code = codeAt(secret, at);
    const first = verifyTotp({ secret, code, at, lastUsedStep: 0 });
    expect(first.ok).toBe(true);
    const lastUsedStep = first.ok ? first.step : 0;
    expect(verifyTotp({ secret, code, at, lastUsedStep })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp({ secret, code, at: new Date(at.getTime() + 20_000), lastUsedStep })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('refuses a code of an earlier step once a later one was used', () => {
    const secret = newTotpSecret(systemRandom);
    const later = verifyTotp({ secret, code: codeAt(secret, shifted(1)), at, lastUsedStep: 0 });
    expect(later).toEqual({ ok: true, step: totpStep(at) + 1 });
    const lastUsedStep = later.ok ? later.step : 0;
    expect(verifyTotp({ secret, code: codeAt(secret, at), at, lastUsedStep })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    expect(verifyTotp({ secret, code: codeAt(secret, shifted(2)), at: shifted(2), lastUsedStep })).toMatchObject({
      ok: true,
    });
  });

  it('rejects anything but six digits before any work, and allows the spaces apps display', () => {
    const secret = newTotpSecret(systemRandom);
    const code = codeAt(secret, at);
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345a', '１２３４５６', `${code}\n1`]) {
      expect(verifyTotp({ secret, code: bad, at, lastUsedStep: 0 })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(verifyTotp({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, at, lastUsedStep: 0 }).ok).toBe(true);
  });
});

describe('newTotpSecret and totpUri', () => {
  it('draws 20 bytes from the random seam and encodes them in base32', () => {
    const draws: number[] = [];
    const fixed: Random = {
      bytes: (length) => {
        draws.push(length);
        return Buffer.from('12345678901234567890'.slice(0, length));
      },
      uuid: () => '00000000-0000-4000-8000-000000000000',
    };
    expect(newTotpSecret(fixed)).toBe(RFC_SECRET);
    expect(draws).toEqual([20]);
    expect(newTotpSecret(systemRandom)).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret(systemRandom)).not.toBe(newTotpSecret(systemRandom));
  });

  it('writes a Key URI with issuer rempart, SHA1, 6 digits and 30 s', () => {
    const url = new URL(totpUri({ secret: RFC_SECRET, label: 'candidat@exemple.fr' }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/rempart:candidat@exemple.fr');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      issuer: 'rempart',
      secret: RFC_SECRET,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
