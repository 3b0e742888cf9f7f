/** Management API for social posting (admin key): accounts, scheduled posts, the calendar, engagement. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { refreshSocialEngagement } from '../../channels/social/refresh-social-engagement.ts';
import {
  addSocialAccount,
  listSocialAccounts,
  removeSocialAccount,
} from '../../channels/social/social-account-store.ts';
import {
  cancelSocialPost,
  getSocialPost,
  listSocialCalendar,
  scheduleSocialPost,
} from '../../channels/social/social-post-store.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const DAY_MS = 86_400_000;
const nameParamsSchema = z.object({ name: z.string().min(1) });
const idParamsSchema = z.object({ id: z.string().min(1) });
const calendarQuerySchema = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  account: z.string().optional(),
});

export function registerSocialRoutes(app: FastifyInstance, options: { store: Store; clock?: Clock }): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;

  app.get('/api/social/accounts', async () => listSocialAccounts(store));
  app.post('/api/social/accounts', async (request, reply) =>
    reply.code(201).send(await addSocialAccount(store, request.body ?? {}, clock.now())),
  );
  app.delete('/api/social/accounts/:name', async (request) =>
    removeSocialAccount(store, parseOrThrow(nameParamsSchema, request.params, 'params').name),
  );
  app.post('/api/social/posts', async (request, reply) =>
    reply.code(201).send(await scheduleSocialPost(store, request.body ?? {}, clock.now())),
  );
  app.get('/api/social/posts/:id', async (request) =>
    getSocialPost(store, parseOrThrow(idParamsSchema, request.params, 'params').id),
  );
  app.delete('/api/social/posts/:id', async (request) =>
    cancelSocialPost(store, parseOrThrow(idParamsSchema, request.params, 'params').id),
  );
  // Default window: the last 7 days and the next 30.
  app.get('/api/social/calendar', async (request) => {
    const query = parseOrThrow(calendarQuerySchema, request.query, 'query');
    const now = clock.now().getTime();
    return listSocialCalendar(store, {
      from: query.from ?? new Date(now - 7 * DAY_MS),
      to: query.to ?? new Date(now + 30 * DAY_MS),
      account: query.account,
    });
  });
  app.post('/api/social/engagement', async () => refreshSocialEngagement(store, { clock }));
}
