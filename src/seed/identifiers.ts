import type { Rng } from './rng.js';

/**
 * France Travail identifier. Assumption, stated because no public specification exists: the
 * identifiant given to a job seeker at registration is 8 characters, seven digits then one
 * capital letter ("1234567A"), as France Travail's (formerly Pôle emploi's) help pages
 * describe it. I and O are left out, as they read like 1 and 0.
 */
export function franceTravailId(rng: Rng): string {
  return rng.digits(7) + rng.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ']);
}

/** Whether a string of digits passes the Luhn check (ISO/IEC 7812-1 annex B). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digit that makes `partial` + digit Luhn-valid. */
export function luhnCheckDigit(partial: string): string {
  for (let digit = 0; digit < 10; digit++) {
    if (luhnValid(partial + digit)) return String(digit);
  }
  throw new Error('unreachable');
}

/**
 * A SIRET as INSEE builds them: a SIREN (8 digits + Luhn key) and a 5-digit establishment
 * number (NIC) whose last digit makes all 14 digits Luhn-valid.
 */
export function siret(rng: Rng): string {
  const sirenBody = String(rng.int(1, 9)) + rng.digits(7);
  const siren = sirenBody + luhnCheckDigit(sirenBody);
  const nicBody = `0${rng.digits(3)}`;
  return siren + nicBody + luhnCheckDigit(siren + nicBody);
}

/** An offer reference as Choisir le service public prints them: year, dash, seven digits. */
export function offerReference(year: number, serial: number): string {
  return `${year}-${String(serial).padStart(7, '0')}`;
}
