import { z } from 'zod';
import type { DomainDeps } from '../../domains.js';
import { access, type Web } from '../../http/kit/index.js';
import { AppError } from '../../kernel/errors.js';
import { searchQuery } from '../criteria.js';
import { offerCardView, offerPageView } from '../offers.presenter.js';
import { findPublic } from '../offers.repo.js';
import { offerPage } from '../pages/offer.page.js';
import { searchPage } from '../pages/search.page.js';
import { searchOffers } from '../search-offers.js';

/** An offer's reference as the open data and rempart spell them (« 2026-1234567 », « 2026-R1A2B3C4D »). */
export const referenceParam = z.strictObject({ reference: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });

/**
 * The public side of offers: the search and each offer's page, for anyone (issue 9,
 * « Everyone »). A signed-in candidate is offered alerts and the way to apply.
 */
export function registerPublicOfferRoutes(web: Web, deps: DomainDeps): void {
  web.page('/offres', { access: access.public(), query: searchQuery }, async (request, reply) => {
    const result = await searchOffers(deps, request.query);
    return reply.page(
      searchPage({
        query: request.query,
        result,
        cards: result.rows.map(offerCardView),
        canSave: request.session?.role === 'candidate',
      }),
    );
  });

  web.page('/offres/:reference', { access: access.public(), params: referenceParam }, async (request, reply) => {
    const offer = await findPublic(deps.db, request.params.reference);
    if (!offer) throw new AppError('NOT_FOUND', 'offer');
    const role = request.session?.role;
    const viewer = role === 'candidate' ? 'candidate' : role ? 'other' : 'visitor';
    return reply.page(offerPage({ offer: offerPageView(offer), viewer }));
  });
}
