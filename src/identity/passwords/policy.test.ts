import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { checkPassword } from './check-password.js';
import { COMMON_PASSWORD_COUNT, isCommonPassword } from './common-passwords.js';
import { estimateStrength } from './entropy.js';
import { FRENCH_COMMON_PASSWORDS } from './french-common.js';

const codes = (password: string, context = {}) => checkPassword(password, context).map((problem) => problem.code);

describe('strength (CNIL délib. 2022-100, case 1: 80 bits)', () => {
  it('accepts the CNIL examples at their minimum length and refuses one character less', () => {
    expect(codes('Xk7#mQ2!vR9p')).toEqual([]); // 12, four classes: 79.55 bits, rounds to 80
    expect(codes('Xk7#mQ2!vR9')).toEqual(['too_weak']);
    expect(codes('Xk7mQ2vR9pLw4T')).toEqual([]); // 14, upper + lower + digits: 83.4 bits
    expect(codes('Xk7mQ2vR9pLw4')).toEqual(['too_weak']);
  });

  it('accepts long passphrases and long single-class passwords from 80 bits', () => {
    expect(codes('cheval agrafe lune orage violon tapis')).toEqual([]);
    expect(codes('qwxkmvrtplzsdnhgfj')).toEqual([]); // 18 lower case: 84.6 bits
    expect(codes('qwxkmvrtplzsdnhgj')).toEqual([]); // 17: 79.9 bits, rounds to 80
    expect(codes('qwxkmvrtplzsdnhj')).toEqual(['too_weak']); // 16: 75.2 bits
  });

  it('uses the CNIL alphabet sizes: 26 + 26 + 10 + 37', () => {
    expect(estimateStrength('abc').pool).toBe(26);
    expect(estimateStrength('aB').pool).toBe(52);
    expect(estimateStrength('aB1').pool).toBe(62);
    expect(estimateStrength('aB1!').pool).toBe(99);
    expect(estimateStrength('é').pool).toBe(37);
    expect(estimateStrength('').bits).toBe(0);
  });

  it('does not count repetitions and runs', () => {
    expect(estimateStrength('aaaaaaaaaaaaaaaaaaaaaaaa').length).toBe(1);
    expect(estimateStrength('abcdefghijklmnopqrstuvwxyz').length).toBe(2);
    expect(estimateStrength('Xk7#Xk7#Xk7#Xk7#').length).toBe(4);
    expect(estimateStrength('a1b2c3zyx987').length).toBe(10);
    expect(estimateStrength('aab').length).toBe(3);
    expect(codes('Abcdefgh1234!')).toEqual(['too_weak']);
    expect(codes('Zq7!Zq7!Zq7!Zq7!Zq7!')).toEqual(['too_weak']);
  });

  it('refuses more than 128 characters, and says only that', () => {
    expect(codes('Xk7#mQ2!vR9p'.repeat(10).slice(0, 128))).toEqual([]);
    expect(codes('a'.repeat(129))).toEqual(['too_long']);
  });

  it('explains itself in French', () => {
    const [problem] = checkPassword('court');
    expect(problem?.message).toMatch(/au moins 12 caractères/);
  });
});

describe('common and breached passwords', () => {
  it('ships the zxcvbn-ts list and ours, loaded once', () => {
    expect(dictionary['passwords-common'].length).toBe(49_233);
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(49_233);
    for (const word of FRENCH_COMMON_PASSWORDS) expect(word).toBe(word.toLowerCase().replace(/[^a-z]/g, ''));
  });

  it('refuses listed passwords whatever their case', () => {
    expect(isCommonPassword('PASSWORD')).toBe(true);
    expect(isCommonPassword('Azertyuiop')).toBe(true);
    expect(isCommonPassword('Xk7#mQ2!vR9p')).toBe(false);
  });

  it('sees through trailing digits and symbols, spaces, accents and leetspeak', () => {
    expect(isCommonPassword('Motdepasse2024!')).toBe(true);
    expect(isCommonPassword('!!Soleil')).toBe(true);
    expect(isCommonPassword('Mot de passé')).toBe(true);
    expect(isCommonPassword('P@$$w0rd')).toBe(true);
    expect(isCommonPassword('P@ssw0rd2024!')).toBe(true);
    expect(isCommonPassword('1loveyou')).toBe(true);
    expect(isCommonPassword('Marse1lle13')).toBe(true);
    expect(isCommonPassword('F4anceTravail#1')).toBe(false); // 4→a gives "faance": not a listed word
    expect(isCommonPassword('Fr4nceTr4v4il#1')).toBe(true);
  });

  it('refuses a long listed password even though it would be strong enough', () => {
    expect(codes('Fonction-Publique-2026!')).toEqual(['common']);
    expect(codes('Allez-les-Bleus-1998!!')).toEqual(['common']);
  });
});

describe('personal information', () => {
  const context = { email: 'jean-marc.dupont+rempart@exemple.fr', names: ['Hélène', 'Le Goff-Martin', 'Li'] };

  it('refuses the e-mail local part or a piece of it', () => {
    expect(codes('Dupont#2026-Xq7Z', context)).toEqual(['personal']);
    expect(codes('Jean-Marc.Dup0nt!', context)).toContain('personal');
  });

  it('refuses names regardless of case, accents, separators and leetspeak', () => {
    expect(codes('HELENE#2026-Xq7Z', context)).toEqual(['personal']);
    expect(codes('Zq7!-M4rt1n-88Qx', context)).toEqual(['personal']);
    expect(codes('Zq7!-LeGoff-88Qx', context)).toEqual(['personal']);
  });

  it('ignores pieces under four characters and passwords unrelated to the person', () => {
    expect(codes('Li#2026-Xq7Z-vRpW', context)).toEqual([]);
    expect(codes('Cheval-Agrafe-2026', context)).toEqual([]);
    expect(codes('Cheval-Agrafe-2026', {})).toEqual([]);
  });
});
