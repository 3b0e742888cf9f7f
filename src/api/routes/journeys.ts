/** Management API for journeys (admin key required): the same operations as `segmint journeys …`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import {
  changeJourneyStatus,
  listJourneys,
  readGlobalHoldoutPercent,
  reportJourney,
  saveJourney,
  setGlobalHoldoutPercent,
  validateJourney,
} from '../../journeys/index.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const journeyParamsSchema = z.object({ journey: z.string().min(1) });
const actionParamsSchema = journeyParamsSchema.extend({ action: z.enum(['pause', 'resume', 'archive']) });

export function registerJourneyRoutes(app: FastifyInstance, options: { store: Store; clock?: Clock }): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;

  app.get('/api/journeys', async () => listJourneys(store));
  // The global holdout (percent of all profiles held out of every journey); changing it needs an admin key.
  app.get('/api/settings/global-holdout', async () => ({ percent: await readGlobalHoldoutPercent(store) }));
  app.put('/api/settings/global-holdout', async (request) => {
    const { percent } = parseOrThrow(z.object({ percent: z.unknown() }), request.body ?? {}, 'body');
    return { percent: await store.transaction((tx) => setGlobalHoldoutPercent(tx, percent)) };
  });
  /** Saves a definition: 201 with a new journey, 200 with a new version of the journey of that name. */
  app.post('/api/journeys', async (request, reply) => {
    const saved = await saveJourney(store, request.body ?? {}, { now: clock.now() });
    return reply.code(saved.created ? 201 : 200).send(saved);
  });
  /** Every problem of a definition, for the dashboard's editor: `{ ok: true }` or `{ ok: false, problems }`. */
  app.post('/api/journeys/validate', async (request) => {
    const result = await validateJourney(store, request.body ?? {});
    return result.ok ? { ok: true } : result;
  });
  app.get('/api/journeys/:journey', async (request) =>
    reportJourney(store, parseOrThrow(journeyParamsSchema, request.params, 'params').journey),
  );
  app.post('/api/journeys/:journey/:action', async (request) => {
    const { journey, action } = parseOrThrow(actionParamsSchema, request.params, 'params');
    return changeJourneyStatus(store, journey, action, { now: clock.now() });
  });
}
