import type { Faker } from '@faker-js/faker';
import type { NewPerson, RegistrationStatus } from '../vault/index.js';
import { addDays } from './dates.js';
import { residenceWeights, type Departement } from './geography.js';
import { franceTravailId } from './identifiers.js';
import { asciiSlug, firstName, lastName, type Sex } from './names.js';
import { nationalNumber, presentPhone } from './phones.js';
import type { Rng } from './rng.js';

/**
 * Mail providers under the reserved `.example` TLD (RFC 2606 §2): the platform writes to people
 * (GDPR art. 34 notices), and a demo must never write to a real mailbox.
 */
const mailDomains: readonly (readonly [string, number])[] = [
  ['gmail.example', 30],
  ['orange.example', 18],
  ['hotmail.example', 12],
  ['free.example', 10],
  ['laposte.example', 8],
  ['sfr.example', 7],
  ['yahoo.example', 6],
  ['outlook.example', 5],
  ['wanadoo.example', 4],
];

function email(rng: Rng, first: string, last: string, birthDate: string): string {
  const f = asciiSlug(first);
  const l = asciiSlug(last);
  const style = rng.int(0, 5);
  const local = [
    `${f}.${l}`,
    `${f}${l}`,
    `${f[0]}.${l}`,
    `${l}.${f}`,
    `${f}.${l}${birthDate.slice(2, 4)}`,
    `${f}_${l}${rng.int(1, 999)}`,
  ][style]!;
  return `${local}@${rng.weighted(mailDomains)}`;
}

/** The person's identity and contact details, and where they live. */
export function newPerson(
  rng: Rng,
  faker: Faker,
  kind: NewPerson['kind'],
  today: string,
): { person: NewPerson; departement: Departement } {
  const id = rng.uuid();
  const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
  const first = firstName(rng, faker, sex);
  const last = lastName(rng);
  const departement = rng.weighted(residenceWeights);
  const commune = rng.pick(departement.communes);
  const birthDate = addDays(today, -rng.int(18 * 365 + 5, 64 * 365));
  const street = faker.location.street();
  // Job seekers are registered at France Travail; some candidates are too.
  const registered = kind === 'job_seeker' || rng.chance(0.15);
  const status: RegistrationStatus | null = registered
    ? kind === 'job_seeker' && rng.chance(0.15)
      ? 'radie'
      : 'inscrit'
    : null;
  const person: NewPerson = {
    id,
    kind,
    lastName: last,
    firstName: first,
    birthDate,
    address: {
      line: `${rng.int(1, 180)}${rng.chance(0.05) ? ' bis' : ''} ${street}`,
      postcode: commune.postcode,
      commune: commune.name,
      departement: departement.code,
    },
    email: rng.chance(0.95) ? email(rng, first, last, birthDate) : null,
    phone: rng.chance(0.92)
      ? presentPhone(rng, nationalNumber(rng, departement.code, departement.region), departement.code)
      : null,
    franceTravailId: registered ? franceTravailId(rng) : null,
    registrationStatus: status,
  };
  return { person, departement };
}
