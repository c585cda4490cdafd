import type { DomainDeps } from '../domains.js';
import { roleLabels } from '../kernel/roles.js';
import type { Actor } from '../vault/index.js';
import { exportOwnAccount, exportOwnPerson } from './privacy.purposes.js';
import type { PrivacyItem, PrivacySection } from './section.js';

const day = (date: Date) => date.toISOString().slice(0, 10);

async function collectAccount(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  if (actor.kind !== 'account') return [];
  const [account] = await deps.vault.read(actor, exportOwnAccount, [actor.accountId]);
  if (!account) return [];
  const { rows } = await deps.db.query<{ created_at: Date; status: string }>(
    'SELECT created_at, status FROM accounts WHERE id = $1',
    [actor.accountId],
  );
  return [
    {
      email: account.email,
      displayName: account.displayName,
      role: roleLabels[actor.role],
      createdOn: rows[0] ? day(rows[0].created_at) : null,
    },
  ];
}

async function collectIdentity(deps: DomainDeps, actor: Actor): Promise<readonly PrivacyItem[]> {
  if (actor.kind !== 'account' || !actor.personId) return [];
  const [self] = await deps.vault.read(actor, exportOwnPerson, [actor.personId]);
  if (!self) return [];
  const address = self.address;
  return [
    {
      lastName: self.lastName,
      firstName: self.firstName,
      birthDate: self.birthDate,
      email: self.email,
      phone: self.phone,
      address: address ? `${address.line}, ${address.postcode} ${address.commune}` : null,
      franceTravailId: self.franceTravailId,
      registrationStatus:
        self.registrationStatus === null ? null : self.registrationStatus === 'inscrit' ? 'inscrit' : 'radié',
    },
  ];
}

/** The account: login e-mail, name shown, kind of account, creation date. */
export const accountSection: PrivacySection = {
  key: 'compte',
  title: 'Votre compte',
  roles: ['candidate', 'job_seeker'],
  labels: {
    email: 'Adresse électronique de connexion',
    displayName: 'Nom affiché',
    role: 'Type de compte',
    createdOn: 'Créé le',
  },
  collect: collectAccount,
};

/** Identity and contact, as the person record holds them (and France Travail's identifier, if any). */
export const identitySection: PrivacySection = {
  key: 'identite',
  title: 'Identité et coordonnées',
  roles: ['candidate', 'job_seeker'],
  labels: {
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    email: 'Adresse électronique de contact',
    phone: 'Téléphone',
    address: 'Adresse postale',
    franceTravailId: 'Identifiant France Travail',
    registrationStatus: 'Situation d’inscription',
  },
  collect: collectIdentity,
};
