import { z } from 'zod';
import { access } from '../../http/kit/index.js';
import { DEFAULT_PAGE_SIZE, PAGE_CAP } from '../training.policy.js';

/** The roles of a training organisation: its users and its RGC. */
export const OF = ['of_user', 'of_manager'] as const;

export const ofPage = access.page({ roles: OF });
export const ofApi = access.api({ roles: OF });

export const idParams = z.strictObject({ id: z.uuid() });

/** A page number and a page size capped at PAGE_CAP: a list is read a page at a time, never whole. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  taille: z.coerce.number().int().min(1).max(PAGE_CAP).default(DEFAULT_PAGE_SIZE),
};
