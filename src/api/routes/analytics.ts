/** Management API for analytics (admin key required): RFM and cohorts. */
import type { FastifyInstance } from 'fastify';
import { clusterStoredProfiles } from '../../analytics/clustering/cluster-stored-profiles.ts';
import { cohortOptionsSchema, computeCohorts } from '../../analytics/cohorts/compute-cohorts.ts';
import { computeRfm, rfmOptionsSchema, summarizeRfm } from '../../analytics/rfm/compute-rfm.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

export function registerAnalyticsRoutes(app: FastifyInstance, options: { store: Store }): void {
  // Computing RFM rewrites computed.rfm on every profile, so it is a POST; the body holds the options.
  app.post('/api/analytics/rfm', async (request) => {
    const result = await computeRfm(
      options.store,
      parseOrThrow(rfmOptionsSchema, request.body ?? {}, 'body'),
    );
    return { asOf: result.asOf, customers: result.rows.length, segments: summarizeRfm(result.rows) };
  });
  // Clustering writes computed.cluster on profiles; the body holds { features, k, seed, … }.
  app.post('/api/analytics/clusters', async (request) => {
    const result = await clusterStoredProfiles(options.store, request.body ?? {});
    return {
      k: result.k,
      profiles: result.profiles,
      skipped: result.skipped,
      silhouette: result.silhouette,
      selection: result.selection,
      clusters: result.clusters,
    };
  });
  app.get('/api/analytics/cohorts', async (request) =>
    computeCohorts(options.store, parseOrThrow(cohortOptionsSchema, request.query, 'query')),
  );
}
