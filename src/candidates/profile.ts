import type { AccessLog } from '../audit/index.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type {
  Actor,
  CareerItem,
  CategorySought,
  DesiredZones,
  LanguageSkill,
  PostalAddress,
  Vault,
} from '../vault/index.js';
import { createProfile, editIdentity, editProfile, viewSelf } from './candidates.purposes.js';
import { profileStateOf, setPoolOptIn } from './candidates.repo.js';

type Deps = { db: Db; vault: Vault; clock: Clock; accessLog: AccessLog };

/** The candidate's identity and contact, as they correct them. */
export interface Identity {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: PostalAddress | null;
}

/** The profile's own part: what recruiters' pool search may match, once opted in. */
export interface ProfileWishes {
  career: CareerItem[];
  postsSought: string[];
  categoriesSought: CategorySought[];
  zones: DesiredZones;
  languages: LanguageSkill[];
  aspirations: string;
}

export interface OwnProfile {
  identity: Identity;
  wishes: ProfileWishes;
  /** Whether a profile row exists yet (the first save creates it). */
  started: boolean;
  inPool: boolean;
}

const PROFILE_FIELDS = [
  'lastName',
  'firstName',
  'birthDate',
  'email',
  'phone',
  'address',
  'career',
  'postsSought',
  'zones',
  'languages',
  'aspirations',
  'categoriesSought',
] as const;

function personOf(actor: Actor): string {
  if (actor.kind !== 'account' || actor.role !== 'candidate' || !actor.personId) {
    throw new AppError('FORBIDDEN', 'not a candidate');
  }
  return actor.personId;
}

/** The signed-in candidate's own identity and profile, read through the door as themselves. */
export async function readOwnProfile(deps: Deps, actor: Actor): Promise<OwnProfile> {
  const personId = personOf(actor);
  // Only what the profile shows: not the France Travail fields a job seeker's record has.
  const [self] = await deps.vault.read(actor, viewSelf, [personId], { fields: PROFILE_FIELDS });
  if (!self) throw new AppError('NOT_FOUND', 'own person');
  const state = await profileStateOf(deps.db, personId);
  return {
    identity: {
      lastName: self.lastName ?? '',
      firstName: self.firstName ?? '',
      birthDate: self.birthDate,
      email: self.email,
      phone: self.phone,
      address: self.address,
    },
    wishes: {
      career: self.career ?? [],
      postsSought: self.postsSought ?? [],
      categoriesSought: self.categoriesSought ?? [],
      zones: self.zones ?? { regions: [], departements: [] },
      languages: self.languages ?? [],
      aspirations: self.aspirations ?? '',
    },
    started: state.exists,
    inPool: state.inPool,
  };
}

/** Saves the candidate's identity and contact (GDPR art. 16: the person corrects their data). */
export async function saveIdentity(deps: Deps, actor: Actor, identity: Identity): Promise<void> {
  const personId = personOf(actor);
  await deps.vault.write(actor, editIdentity, [{ id: personId, ...identity }]);
}

/**
 * Saves the whole profile part: the first time it creates the profile, out of the pool (the
 * opt-in is off by default, GDPR art. 25(2)); after, it replaces it, and the pool facets with it.
 */
export async function saveWishes(deps: Deps, actor: Actor, wishes: ProfileWishes): Promise<void> {
  const personId = personOf(actor);
  const row = { id: personId, ...wishes };
  if ((await profileStateOf(deps.db, personId)).exists) {
    await deps.vault.write(actor, editProfile, [row]);
  } else {
    await deps.vault.write(actor, createProfile, [{ ...row, poolOptIn: false }]);
  }
}

/** Changes one part of the profile, keeping the rest as it is. */
export async function changeWishes(
  deps: Deps,
  actor: Actor,
  change: (current: ProfileWishes) => ProfileWishes,
): Promise<void> {
  const current = await readOwnProfile(deps, actor);
  await saveWishes(deps, actor, change(current.wishes));
}

/**
 * Opens or closes the profile to recruiters' pool search; it needs a saved profile first. The
 * candidate may withdraw at any time, which takes effect at once (GDPR art. 7(3)). The change
 * and its log entry commit together: the platform must be able to show when consent was given
 * or withdrawn (GDPR art. 7(1)), and the pool's readers are scoped by it.
 */
export async function choosePool(deps: Deps, actor: Actor, inPool: boolean): Promise<boolean> {
  const personId = personOf(actor);
  return deps.db.transaction(async (tx) => {
    if (!(await setPoolOptIn(tx, personId, inPool, deps.clock.now()))) return false;
    await deps.accessLog.append(tx, {
      actorId: actor.kind === 'account' ? actor.accountId : null,
      sessionId: actor.kind === 'account' ? actor.sessionId : null,
      action: 'update',
      purpose: inPool ? 'candidates.pool_opt_in' : 'candidates.pool_opt_out',
      people: [personId],
      fields: ['poolOptIn'],
      clientAddr: null,
    });
    return true;
  });
}
