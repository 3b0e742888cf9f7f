/**
 * GET /v1/recommendations/:profileId?n=5[&method=popular]: the top-N items for a profile (item-to-item from its
 * purchases, popular items to fill up), for a shop backend or an email renderer.
 *
 * Authenticated with the admin key (registered in the admin block), not a write key: write keys ship in browser
 * snippets and mobile apps, so anyone can read them, and a profile's recommendations reveal what it bought.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recommendForProfile } from '../../analytics/recommend/recommend-for-profiles.ts';
import {
  recommendationMethodSchema,
  recommendCountSchema,
} from '../../analytics/recommend/recommend-options.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const recommendationQuerySchema = z.object({
  n: recommendCountSchema,
  method: recommendationMethodSchema.default('similar'),
});

export function registerRecommendationRoutes(app: FastifyInstance, options: { store: Store }): void {
  app.get<{ Params: { profileId: string } }>('/v1/recommendations/:profileId', async (request) => {
    const query = parseOrThrow(recommendationQuerySchema, request.query, 'query');
    const items = await recommendForProfile(options.store, { profileId: request.params.profileId, ...query });
    return { profileId: request.params.profileId, items };
  });
}
