/**
 * Public content endpoints (no admin key): `GET /v1/content/:slot` for websites and apps, authenticated by a
 * source's write key like the tracking API (Basic username, or `?writeKey=` where a header cannot be set), and the
 * feeds `GET /feeds/:feed.atom` / `.rss`, which feed readers fetch without credentials.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { SegmintError } from '../../errors.ts';
import { readFeed } from '../../content/feeds/read-feed.ts';
import { contentSlotCacheFor } from '../../content/slots/content-slot-cache.ts';
import { renderContentSlot } from '../../content/slots/render-content-slot.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { WriteKeyResolver } from '../../sources/sources.ts';
import type { Store } from '../../store/store.ts';
import { writeKeyFrom } from '../tracking-request.ts';

const slotParamsSchema = z.object({ slot: z.string().min(1).max(100) });
const visitorQuerySchema = z
  .object({
    userId: z.string().min(1).max(512).optional(),
    anonymousId: z.string().min(1).max(512).optional(),
    writeKey: z.string().optional(),
  })
  .refine((query) => query.userId !== undefined || query.anonymousId !== undefined, {
    message: 'give userId or anonymousId (the ids your tracking calls send)',
  });
const feedParamsSchema = z.object({
  file: z.string().regex(/^[A-Za-z0-9][\w-]*\.(atom|rss)$/, 'ask for NAME.atom or NAME.rss'),
});

export function registerPublicContentRoutes(
  app: FastifyInstance,
  options: { store: Store; clock?: Clock },
): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const writeKeys = new WriteKeyResolver(store);

  async function authenticate(request: FastifyRequest, queryKey: string | undefined): Promise<void> {
    const writeKey = writeKeyFrom(request.headers.authorization, undefined) ?? queryKey;
    if (!writeKey || !(await writeKeys.resolve(writeKey))) {
      throw new SegmintError(
        'unauthorized',
        'Content needs a source write key: the HTTP Basic username (as for /v1/track) or ?writeKey=.',
      );
    }
  }

  app.get('/v1/content/:slot', async (request, reply) => {
    const { slot } = parseOrThrow(slotParamsSchema, request.params, 'params');
    const query = parseOrThrow(visitorQuerySchema, request.query, 'query');
    await authenticate(request, query.writeKey);
    const rendered = await renderContentSlot({
      store,
      cache: contentSlotCacheFor(store),
      slot,
      visitor: { userId: query.userId, anonymousId: query.anonymousId },
      clock,
    });
    // Personalised: never cached by shared caches.
    return reply.header('cache-control', 'private, no-store').send(rendered);
  });

  app.get('/feeds/:file', async (request, reply) => {
    const { file } = parseOrThrow(feedParamsSchema, request.params, 'params');
    const format = file.endsWith('.atom') ? 'atom' : 'rss';
    const feed = file.slice(0, file.lastIndexOf('.'));
    const protocol = request.protocol;
    const selfUrl = `${protocol}://${request.host}/feeds/${file}`;
    const xml = await readFeed(store, { feed, format, selfUrl, now: clock.now() });
    const type = format === 'atom' ? 'application/atom+xml' : 'application/rss+xml';
    return reply.header('content-type', `${type}; charset=utf-8`).send(xml);
  });
}
