/** Management API for saved segments (admin key required): the same operations as `segmint segments …`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { readSegmentDefinition } from '../../segments/read-segment-definition.ts';
import {
  createSegment,
  createSegmentInputSchema,
  deleteSegment,
  getSegment,
  listSegmentMembers,
  listSegments,
  listSegmentTransitions,
  previewSegment,
  refreshAllSegments,
  refreshSegment,
} from '../../segments/saved/index.ts';
import { segmentTextOptions } from '../../segments/saved/segment-text-options.ts';
import { parseSegmentText } from '../../segments/text/parse-segment.ts';
import type { Store } from '../../store/store.ts';

const nameParamsSchema = z.object({ name: z.string().min(1) });
const asOfBodySchema = z.object({ asOf: z.coerce.date().optional() });
const pageQuerySchema = z.object({
  limit: z.coerce.number().int().optional(),
  offset: z.coerce.number().int().optional(),
});
const transitionsQuerySchema = pageQuerySchema.extend({ since: z.coerce.date().optional() });
const previewBodySchema = z
  .object({
    text: z.string().optional(),
    definition: z.unknown().optional(),
    asOf: z.coerce.date().optional(),
    sampleSize: z.number().int().min(0).max(1000).default(10),
  })
  .refine((body) => (body.text === undefined) !== (body.definition === undefined), {
    message: 'give the condition either as text or as a definition',
  });

export function registerSegmentRoutes(app: FastifyInstance, options: { store: Store }): void {
  const { store } = options;
  const nameOf = (params: unknown) => parseOrThrow(nameParamsSchema, params, 'params').name;
  const nowOf = (body: unknown) => {
    const { asOf } = parseOrThrow(asOfBodySchema, body ?? {}, 'body');
    return asOf ? { now: asOf } : {};
  };

  app.get('/api/segments', async () => listSegments(store));
  app.post('/api/segments', async (request, reply) => {
    const saved = await createSegment(
      store,
      parseOrThrow(createSegmentInputSchema, request.body ?? {}, 'body'),
    );
    // As in the CLI, a new segment's members are computed at once.
    const refreshed = await refreshSegment(store, saved.id);
    return reply.code(201).send({ ...saved, members: refreshed.members });
  });
  app.post('/api/segments/preview', async (request) => {
    const body = parseOrThrow(previewBodySchema, request.body ?? {}, 'body');
    const definition =
      body.text === undefined
        ? readSegmentDefinition(body.definition)
        : parseSegmentText(body.text, await segmentTextOptions(store));
    return previewSegment(store, definition, {
      sampleSize: body.sampleSize,
      ...(body.asOf ? { now: body.asOf } : {}),
    });
  });
  // Refreshing rewrites membership and appends transitions, so it is a POST; the body may hold { asOf }.
  app.post('/api/segments/refresh', async (request) => refreshAllSegments(store, nowOf(request.body)));
  app.get('/api/segments/:name', async (request) => getSegment(store, nameOf(request.params)));
  app.delete('/api/segments/:name', async (request) => deleteSegment(store, nameOf(request.params)));
  app.post('/api/segments/:name/refresh', async (request) =>
    refreshSegment(store, nameOf(request.params), nowOf(request.body)),
  );
  app.get('/api/segments/:name/members', async (request) =>
    listSegmentMembers(store, nameOf(request.params), parseOrThrow(pageQuerySchema, request.query, 'query')),
  );
  app.get('/api/segments/:name/transitions', async (request) => {
    const query = parseOrThrow(transitionsQuerySchema, request.query, 'query');
    return listSegmentTransitions(store, nameOf(request.params), query);
  });
}
