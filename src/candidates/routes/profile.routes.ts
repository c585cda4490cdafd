import { z } from 'zod';
import type { DomainDeps } from '../../domains.js';
import { actorOf } from '../../identity/index.js';
import { access, invalid, type Web } from '../../http/kit/index.js';
import type { FormState } from '../../ui/index.js';
import type { CategorySought, LanguageSkill } from '../../vault/index.js';
import { profileView } from '../candidates.presenter.js';
import { DEPARTEMENTS, LANGUAGES, METIERS, REGIONS } from '../choices.js';
import {
  careerPage,
  identityPage,
  poolPage,
  wishesPage,
  type IdentityField,
  type WishesField,
} from '../pages/forms.page.js';
import { profilePage } from '../pages/profile.page.js';
import { changeWishes, choosePool, readOwnProfile, saveIdentity, type OwnProfile } from '../profile.js';
import { careerFields, identityFields, isoMonth, poolFields, removeCareerFields, wishesFields } from './schemas.js';

export const CANDIDATE = ['candidate'] as const;
const own = (returnTo: string) => access.page({ roles: CANDIDATE, returnTo });

const notices = {
  identite: 'Votre identité et vos coordonnées sont enregistrées.',
  parcours: 'Votre parcours est enregistré.',
  souhaits: 'Vos souhaits sont enregistrés.',
  vivier_oui: 'Votre profil figure désormais dans le vivier.',
  vivier_non: 'Votre profil ne figure pas dans le vivier.',
} as const;

function form<Name extends string>(
  csrfToken: string,
  values: Partial<Record<Name, string | string[]>>,
): FormState<Name> {
  return { csrfToken, values, errors: {} };
}

function identityValues(profile: OwnProfile): Partial<Record<IdentityField, string>> {
  const { identity } = profile;
  return {
    lastName: identity.lastName,
    firstName: identity.firstName,
    birthDate: identity.birthDate ?? '',
    email: identity.email ?? '',
    phone: identity.phone ?? '',
    addressLine: identity.address?.line ?? '',
    postcode: identity.address?.postcode ?? '',
    commune: identity.address?.commune ?? '',
    departement: identity.address?.departement ?? '',
  };
}

function wishesValues(profile: OwnProfile): Partial<Record<WishesField, string | string[]>> {
  const { wishes } = profile;
  const values: Partial<Record<WishesField, string | string[]>> = {
    posts: wishes.postsSought.map((post) => `m${METIERS.indexOf(post)}`),
    categories: [...wishes.categoriesSought],
    regions: REGIONS.filter((r) => wishes.zones.regions.includes(r.name)).map((r) => r.code),
    departements: [...wishes.zones.departements],
    aspirations: wishes.aspirations,
  };
  for (const language of wishes.languages) values[`langue_${language.code}`] = language.level;
  return values;
}

/** The profile's pages and forms: identity, career, wishes, pool. */
export function registerProfileRoutes(web: Web, deps: DomainDeps): void {
  web.page(
    '/candidat/profil',
    { access: own('/candidat/profil'), query: z.strictObject({ fait: z.enum(Object.keys(notices)).optional() }) },
    async (request, reply) => {
      const profile = await readOwnProfile(deps, actorOf(request));
      const info = request.query.fait ? notices[request.query.fait as keyof typeof notices] : undefined;
      return reply.page(profilePage({ view: profileView(profile), csrfToken: reply.csrfToken(), info }));
    },
  );

  web.page('/candidat/profil/identite', { access: own('/candidat/profil/identite') }, async (request, reply) => {
    const profile = await readOwnProfile(deps, actorOf(request));
    return reply.page(identityPage(form(reply.csrfToken(), identityValues(profile))));
  });
  web.form(
    '/candidat/profil/identite',
    { access: own('/candidat/profil/identite'), fields: identityFields, render: identityPage },
    async (values, request, reply) => {
      const address = [values.addressLine, values.postcode, values.commune, values.departement];
      const problems: Partial<Record<IdentityField, string>> = {};
      if (address.some(Boolean) && !address.every(Boolean)) {
        problems.addressLine = 'Remplissez les quatre champs de l’adresse, ou aucun.';
      }
      if (values.postcode && !/^\d{5}$/.test(values.postcode)) problems.postcode = 'Le code postal a cinq chiffres.';
      if (values.email && !z.email().safeParse(values.email).success) {
        problems.email = 'Indiquez une adresse électronique valide, par exemple nom@domaine.fr.';
      }
      if (values.phone && !/^\+?[0-9 .()-]{6,20}$/.test(values.phone)) {
        problems.phone = 'Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.';
      }
      if (values.birthDate && !validBirthDate(values.birthDate, deps.clock.now())) {
        problems.birthDate = 'Indiquez une date de naissance valide.';
      }
      if (Object.keys(problems).length > 0) invalid(problems);
      await saveIdentity(deps, actorOf(request), {
        lastName: values.lastName,
        firstName: values.firstName,
        birthDate: values.birthDate ?? null,
        email: values.email ?? null,
        phone: values.phone ?? null,
        address:
          values.addressLine && values.postcode && values.commune && values.departement
            ? {
                line: values.addressLine,
                postcode: values.postcode,
                commune: values.commune,
                departement: values.departement,
              }
            : null,
      });
      return reply.redirect('/candidat/profil?fait=identite', 303);
    },
  );

  web.page('/candidat/profil/parcours', { access: own('/candidat/profil/parcours') }, async (_request, reply) =>
    reply.page(careerPage(form(reply.csrfToken(), {}))),
  );
  web.form(
    '/candidat/profil/parcours',
    { access: own('/candidat/profil/parcours'), fields: careerFields, render: careerPage },
    async (values, request, reply) => {
      const item = {
        title: values.title,
        employer: values.employer,
        from: isoMonth(values.from),
        to: values.to ? isoMonth(values.to) : null,
      };
      if (item.to !== null && item.to < item.from) invalid({ to: 'La fin ne peut précéder le début.' });
      await changeWishes(deps, actorOf(request), (wishes) => ({
        ...wishes,
        career: [item, ...wishes.career].sort((a, b) => b.from.localeCompare(a.from)).slice(0, 30),
      }));
      return reply.redirect('/candidat/profil?fait=parcours', 303);
    },
  );
  web.form(
    '/candidat/profil/parcours/retrait',
    { access: own('/candidat/profil'), fields: removeCareerFields },
    async (values, request, reply) => {
      await changeWishes(deps, actorOf(request), (wishes) => ({
        ...wishes,
        career: wishes.career.filter((_, index) => index !== values.index),
      }));
      return reply.redirect('/candidat/profil?fait=parcours', 303);
    },
  );

  web.page('/candidat/profil/souhaits', { access: own('/candidat/profil/souhaits') }, async (request, reply) => {
    const profile = await readOwnProfile(deps, actorOf(request));
    return reply.page(wishesPage(form(reply.csrfToken(), wishesValues(profile))));
  });
  web.form(
    '/candidat/profil/souhaits',
    { access: own('/candidat/profil/souhaits'), fields: wishesFields, render: wishesPage },
    async (values, request, reply) => {
      const chosen = (name: string) => (values[name] as string[] | undefined) ?? [];
      const languages: LanguageSkill[] = LANGUAGES.flatMap((language) => {
        const level = values[`langue_${language.code}`] as LanguageSkill['level'] | undefined;
        return level ? [{ code: language.code, level }] : [];
      });
      await changeWishes(deps, actorOf(request), (wishes) => ({
        ...wishes,
        postsSought: chosen('posts').map((value) => METIERS[Number(value.slice(1))]!),
        categoriesSought: chosen('categories') as CategorySought[],
        zones: {
          regions: REGIONS.filter((r) => chosen('regions').includes(r.code)).map((r) => r.name),
          departements: DEPARTEMENTS.filter((d) => chosen('departements').includes(d.code)).map((d) => d.code),
        },
        languages,
        aspirations: (values.aspirations as string | undefined) ?? '',
      }));
      return reply.redirect('/candidat/profil?fait=souhaits', 303);
    },
  );

  web.page('/candidat/profil/vivier', { access: own('/candidat/profil/vivier') }, async (request, reply) => {
    const profile = await readOwnProfile(deps, actorOf(request));
    return reply.page(poolPage(form(reply.csrfToken(), { pool: profile.inPool ? 'oui' : 'non' })));
  });
  web.form(
    '/candidat/profil/vivier',
    { access: own('/candidat/profil/vivier'), fields: poolFields, render: poolPage },
    async (values, request, reply) => {
      const actor = actorOf(request);
      // The pool needs a profile row: the first choice saves an empty one.
      if (!(await choosePool(deps, actor, values.pool === 'oui'))) {
        await changeWishes(deps, actor, (wishes) => wishes);
        await choosePool(deps, actor, values.pool === 'oui');
      }
      return reply.redirect(`/candidat/profil?fait=vivier_${values.pool}`, 303);
    },
  );
}

/** A real calendar day, in the past, and not more than 120 years ago. */
function validBirthDate(value: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  return date < now && now.getUTCFullYear() - date.getUTCFullYear() <= 120;
}
