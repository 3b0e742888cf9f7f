/**
 * Management API for content (admin key): dynamic content slots, content items and their publications, and a
 * publishing pass on demand. The public side (GET /v1/content/:slot, /feeds/…) is content-public.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { readFeedEntries } from '../../content/feeds/read-feed.ts';
import {
  deleteContentItem,
  getContentItem,
  listContentItems,
  redactContentItem,
  saveContentItem,
} from '../../content/items/content-item-store.ts';
import { runContentCycle } from '../../content/run-content-cycle.ts';
import { contentSlotCacheFor } from '../../content/slots/content-slot-cache.ts';
import {
  deleteContentSlot,
  getContentSlot,
  listContentSlots,
  saveContentSlot,
} from '../../content/slots/content-slot-store.ts';
import { renderContentSlot } from '../../content/slots/render-content-slot.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const nameParamsSchema = z.object({ name: z.string().min(1) });
const previewQuerySchema = z.object({
  userId: z.string().min(1).optional(),
  anonymousId: z.string().min(1).optional(),
});
const feedQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export function registerContentRoutes(app: FastifyInstance, options: { store: Store; clock?: Clock }): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const cache = contentSlotCacheFor(store);
  const nameOf = (params: unknown) => parseOrThrow(nameParamsSchema, params, 'params').name;

  app.get('/api/content/slots', async () => listContentSlots(store));
  app.put('/api/content/slots/:name', async (request) => {
    const body = request.body !== null && typeof request.body === 'object' ? request.body : {};
    const slot = await saveContentSlot(store, { ...body, name: nameOf(request.params) }, clock.now());
    cache.invalidate(slot.name);
    return slot;
  });
  app.get('/api/content/slots/:name', async (request) => getContentSlot(store, nameOf(request.params)));
  app.delete('/api/content/slots/:name', async (request) => {
    const deleted = await deleteContentSlot(store, nameOf(request.params));
    cache.invalidate(deleted.deleted);
    return deleted;
  });
  // What a visitor would see, without a write key (for the dashboard and for checking a slot).
  app.get('/api/content/slots/:name/preview', async (request) => {
    const visitor = parseOrThrow(previewQuerySchema, request.query, 'query');
    return renderContentSlot({ store, cache, slot: nameOf(request.params), visitor, clock });
  });

  app.get('/api/content/items', async () => (await listContentItems(store)).map(redactContentItem));
  app.put('/api/content/items/:name', async (request) => {
    const body = request.body !== null && typeof request.body === 'object' ? request.body : {};
    return redactContentItem(
      await saveContentItem(store, { ...body, name: nameOf(request.params) }, clock.now()),
    );
  });
  app.get('/api/content/items/:name', async (request) =>
    redactContentItem(await getContentItem(store, nameOf(request.params))),
  );
  app.delete('/api/content/items/:name', async (request) => deleteContentItem(store, nameOf(request.params)));
  app.get('/api/content/feeds/:name', async (request) => {
    const { limit } = parseOrThrow(feedQuerySchema, request.query, 'query');
    return readFeedEntries(store, nameOf(request.params), limit);
  });
  // Runs one publishing pass now (the background worker does the same on its interval).
  app.post('/api/content/publish', async () => runContentCycle(store, { clock, refreshEngagement: false }));
}
