/** Management API for lead scoring (admin key required): the same operations as `segmint scoring …`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import {
  listTopLeadScores,
  recomputeAndRefreshSegments,
  requireLeadScoring,
  setLeadScoring,
} from '../../scoring/index.ts';
import type { Store } from '../../store/store.ts';

const showQuerySchema = z.object({ top: z.coerce.number().int().min(1).max(10_000).default(10) });
const recomputeBodySchema = z.object({ asOf: z.coerce.date().optional() });

export function registerScoringRoutes(app: FastifyInstance, options: { store: Store; clock?: Clock }): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;

  app.get('/api/scoring', async (request) => {
    const { top } = parseOrThrow(showQuerySchema, request.query ?? {}, 'query');
    return { ...(await requireLeadScoring(store)), top: await listTopLeadScores(store, top) };
  });
  app.put('/api/scoring', async (request) => setLeadScoring(store, request.body ?? {}, clock.now()));
  // Recomputing rewrites scores and segment membership, so it is a POST; the body may hold { asOf }.
  app.post('/api/scoring/recompute', async (request) => {
    const { asOf } = parseOrThrow(recomputeBodySchema, request.body ?? {}, 'body');
    return recomputeAndRefreshSegments(store, asOf ?? clock.now());
  });
}
