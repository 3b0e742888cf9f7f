/** Management API for API keys (admin only, see auth/route-policy.ts): the same operations as `segmint keys …`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../../auth/api-keys.ts';
import type { Clock } from '../../clock.ts';
import { createApiKeyInputSchema, rotateApiKeyInputSchema } from '../../schema/api-key.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const idParamsSchema = z.object({ id: z.string().min(1) });

export function registerKeyRoutes(app: FastifyInstance, options: { store: Store; clock: Clock }): void {
  const { store, clock } = options;
  const idOf = (params: unknown) => parseOrThrow(idParamsSchema, params, 'params').id;

  app.get('/api/keys', async () => listApiKeys(store));
  // The key is in this response only: it is stored hashed.
  app.post('/api/keys', async (request, reply) =>
    reply
      .code(201)
      .send(
        await createApiKey(
          store,
          parseOrThrow(createApiKeyInputSchema, request.body ?? {}, 'body'),
          clock.now(),
        ),
      ),
  );
  app.post('/api/keys/:id/rotate', async (request, reply) => {
    const { graceSeconds } = parseOrThrow(rotateApiKeyInputSchema, request.body ?? {}, 'body');
    const rotated = await store.transaction((tx) =>
      rotateApiKey(tx, idOf(request.params), { now: clock.now(), graceSeconds }),
    );
    return reply.code(201).send(rotated);
  });
  app.delete('/api/keys/:id', async (request) => revokeApiKey(store, idOf(request.params), clock.now()));
}
