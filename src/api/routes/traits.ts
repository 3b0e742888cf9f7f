/** Management API for computed traits (admin key required): the same operations as `segmint traits …`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import {
  deleteComputedTrait,
  getComputedTrait,
  listComputedTraits,
  previewComputedTrait,
  refreshComputedTraits,
  saveComputedTrait,
  saveComputedTraitInputSchema,
} from '../../segments/traits/index.ts';
import type { Store } from '../../store/store.ts';

const nameParamsSchema = z.object({ name: z.string().min(1) });
const asOfBodySchema = z.object({ asOf: z.coerce.date().optional() });
const previewBodySchema = z.object({ text: z.string().min(1), asOf: z.coerce.date().optional() });

export function registerTraitRoutes(app: FastifyInstance, options: { store: Store }): void {
  const { store } = options;
  const nameOf = (params: unknown) => parseOrThrow(nameParamsSchema, params, 'params').name;
  const nowOf = (body: unknown) => parseOrThrow(asOfBodySchema, body ?? {}, 'body').asOf ?? new Date();

  app.get('/api/traits', async () => listComputedTraits(store));
  // Saving computes the values at once, so the trait is usable in segments and templates right away.
  app.post('/api/traits', async (request, reply) => {
    const saved = await saveComputedTrait(
      store,
      parseOrThrow(saveComputedTraitInputSchema, request.body ?? {}, 'body'),
    );
    const [refreshed] = await refreshComputedTraits(store, { now: new Date(), names: [saved.name] });
    return reply.code(201).send({ ...saved, profilesWithValue: refreshed?.profilesWithValue ?? 0 });
  });
  app.post('/api/traits/preview', async (request) => {
    const body = parseOrThrow(previewBodySchema, request.body ?? {}, 'body');
    return previewComputedTrait(store, body.text, { now: body.asOf ?? new Date() });
  });
  app.post('/api/traits/refresh', async (request) =>
    refreshComputedTraits(store, { now: nowOf(request.body) }),
  );
  app.get('/api/traits/:name', async (request) => {
    const trait = await getComputedTrait(store, nameOf(request.params));
    return { ...trait, preview: await previewComputedTrait(store, trait.definition, { now: new Date() }) };
  });
  app.delete('/api/traits/:name', async (request, reply) => {
    await deleteComputedTrait(store, nameOf(request.params));
    return reply.code(204).send();
  });
  app.post('/api/traits/:name/refresh', async (request) => {
    const name = nameOf(request.params);
    await getComputedTrait(store, name);
    return refreshComputedTraits(store, { now: nowOf(request.body), names: [name] });
  });
}
