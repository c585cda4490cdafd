import type { Keyring } from '../../crypto/keyring.js';
import type { Db, Tx } from '../../db/client.js';
import { parisDay, type Clock } from '../../kernel/clock.js';
import type { Random } from '../../kernel/random.js';
import type { NewPerson, Vault } from '../../vault/index.js';
import { seedActor } from '../actor.js';
import { frenchFaker } from '../fakers.js';
import { lastName } from '../names.js';
import { newPerson } from '../person.js';
import { Rng } from '../rng.js';
import { seedPeople } from '../seed.purposes.js';
import { contactKey, drawContacts, recordContacts } from './contacts.js';

/*
 * Planting one canary: a person made by the seed's own generator (so that nothing in its row
 * sets it apart), written through the vault's write purposes, marked (the door then suspends
 * whoever reads it), with its contacts recorded apart, and whatever places it in its space, all
 * in one transaction with the planting's own row, so that planting again adds nothing.
 */

/** The spaces an account can search or list, each with its canaries. */
export type Space = 'training' | 'pool' | 'advising' | 'recruiting';

/** What planting needs: the platform's database, vault, keys, clock and randomness. */
export interface CanaryDeps {
  db: Db;
  vault: Vault;
  keyring: Keyring;
  clock: Clock;
  random: Random;
}

export interface PlantOptions {
  /** The domain of the canaries' e-mail addresses: one whose mail the platform's operator reads. */
  emailDomain: string;
}

/** What one space's planting did: canaries planted now, already there, and holders that do not qualify yet. */
export interface SpaceReport {
  planted: number;
  present: number;
  waiting: number;
}

/** What placing one canary in its space needs: the transaction, the person, a stream of draws, today. */
export interface Placement {
  tx: Tx;
  person: NewPerson;
  rng: Rng;
  today: string;
  /**
   * The id to give the record that holds the canary in its space, where a read can ask for that
   * record by its own id (an application): marked with the canary, so that the door knows it
   * before such a read runs. Undefined where the space's reads name people only.
   */
  recordId?: string;
}

/**
 * Plants the canary of `holder` in `space`, unless it is there already; returns whether it
 * planted. The mark is recorded first, outside the transaction: a mark whose person never came
 * to be names nobody, while a person committed without its mark would be read freely.
 */
export async function plantOne(
  deps: CanaryDeps,
  options: PlantOptions,
  planting: { space: Space; holder: string; kind: NewPerson['kind']; id?: string; markRecord?: boolean },
  place: (placement: Placement) => Promise<void>,
): Promise<boolean> {
  if (await planted(deps.db, planting)) return false;
  const now = deps.clock.now();
  const today = parisDay(now);
  const rng = new Rng(deps.random.bytes(4).readUInt32BE(0), 'canary');
  const made = newPerson(rng, frenchFaker(rng), planting.kind, today).person;
  // Two surnames joined, as one person in twenty has: an advisor's exact search by a real
  // person's nom and prénom must never find a canary beside them.
  const compound = `${made.lastName.split('-')[0]}-${lastName(rng).split('-')[0]}`;
  const id = planting.id ?? deps.random.uuid();
  const recordId = planting.markRecord ? deps.random.uuid() : undefined;
  await deps.vault.markCanaries(seedActor, recordId ? [id, recordId] : [id]);
  return deps.db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO canary_plantings (space, holder, planted_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [planting.space, planting.holder, now],
    );
    if (claimed.rows.length === 0) return false;
    const key = contactKey(deps.keyring);
    const name = { firstName: made.firstName, lastName: compound };
    const contacts = await drawContacts(tx, key, rng, name, options.emailDomain);
    const person: NewPerson = { ...made, ...name, ...contacts, id };
    await deps.vault.write(seedActor, seedPeople, [person], tx);
    await recordContacts(tx, key, planting, contacts);
    await place({ tx, person, rng, today, recordId });
    return true;
  });
}

async function planted(db: Db, planting: { space: Space; holder: string }): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM canary_plantings WHERE space = $1 AND holder = $2', [
    planting.space,
    planting.holder,
  ]);
  return rows.length > 0;
}

/** One space's holders and how its canary is placed. */
export interface SpacePlan<H extends { holder: string }> {
  space: Space;
  kind: NewPerson['kind'];
  /** How many holders the space has, qualifying or not: a number, or SQL that counts them as `n`. */
  holders: number | string;
  /** The holders that qualify now. */
  eligible: readonly H[];
  /** The canary's id, when its place in an order matters (the pool). */
  id?: () => string;
  /** Whether the record placed is read by its own id too (Placement.recordId). */
  markRecord?: boolean;
  place: (holder: H, placement: Placement) => Promise<void>;
}

/** Plants the canary of each holder that qualifies, one after the other, and counts. */
export async function plantSpace<H extends { holder: string }>(
  deps: CanaryDeps,
  options: PlantOptions,
  plan: SpacePlan<H>,
): Promise<SpaceReport> {
  const holders =
    typeof plan.holders === 'number' ? plan.holders : (await deps.db.query<{ n: number }>(plan.holders)).rows[0]!.n;
  const report: SpaceReport = { planted: 0, present: 0, waiting: holders - plan.eligible.length };
  for (const one of plan.eligible) {
    const planting = {
      space: plan.space,
      holder: one.holder,
      kind: plan.kind,
      id: plan.id?.(),
      markRecord: plan.markRecord,
    };
    if (await plantOne(deps, options, planting, (placement) => plan.place(one, placement))) report.planted++;
    else report.present++;
  }
  return report;
}
