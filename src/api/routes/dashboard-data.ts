/** Read endpoints only the dashboard needs (admin key required): overview KPIs, RFM grid, distributions, profile. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { histogramQuerySchema, timelineQuerySchema } from '../../schema/dashboard.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../../schema/storable-text.ts';
import type { Store } from '../../store/store.ts';
import {
  readClusterPersonas,
  readHistogram,
  readProfileMemberships,
  readProfileTimeline,
  readRfmGrid,
} from './dashboard-queries.ts';
import { createCachedOverview } from './cached-overview.ts';

const profileParamsSchema = z.object({
  id: z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).max(1024, 'must be at most 1024 characters'),
});

export function registerDashboardDataRoutes(
  app: FastifyInstance,
  options: { store: Store; clock?: Clock },
): void {
  const { store } = options;
  const readOverview = createCachedOverview(store, options.clock ?? systemClock);
  const profileIdOf = (params: unknown) => parseOrThrow(profileParamsSchema, params, 'path').id;

  app.get('/api/dashboard/overview', async () => readOverview());
  app.get('/api/dashboard/rfm-grid', async () => readRfmGrid(store));
  app.get('/api/dashboard/predictions', async (request) => {
    const { bins } = parseOrThrow(histogramQuerySchema, request.query, 'query');
    return {
      clv: await readHistogram(store, { key: 'clv', bins, range: 'p99' }),
      churnRisk: await readHistogram(store, { key: 'churn_risk', bins, range: 'unit' }),
      clusters: await readClusterPersonas(store),
    };
  });
  app.get('/api/dashboard/profiles/:id/memberships', async (request) =>
    readProfileMemberships(store, profileIdOf(request.params)),
  );
  app.get('/api/dashboard/profiles/:id/timeline', async (request) => {
    const page = parseOrThrow(timelineQuerySchema, request.query, 'query');
    return readProfileTimeline(store, { profileId: profileIdOf(request.params), ...page });
  });
}
