/** Management API for campaigns (admin key required): the same operations as `segmint campaigns …`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  cancelCampaign,
  createCampaign,
  listCampaigns,
  reportCampaign,
  scheduleCampaign,
  sendCampaign,
} from '../../campaigns/index.ts';
import { systemClock, type Clock } from '../../clock.ts';
import { campaignScheduleSchema } from '../../schema/campaign.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const idParamsSchema = z.object({ id: z.string().min(1) });
const scheduleBodySchema = z.object({ schedule: campaignScheduleSchema.optional() });

export function registerCampaignRoutes(app: FastifyInstance, options: { store: Store; clock?: Clock }): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const idOf = (params: unknown) => parseOrThrow(idParamsSchema, params, 'params').id;

  app.get('/api/campaigns', async () => listCampaigns(store));
  app.post('/api/campaigns', async (request, reply) =>
    reply.code(201).send(await createCampaign(store, request.body ?? {}, clock.now())),
  );
  app.get('/api/campaigns/:id', async (request) => reportCampaign(store, idOf(request.params)));
  app.post('/api/campaigns/:id/schedule', async (request) => {
    const { schedule } = parseOrThrow(scheduleBodySchema, request.body ?? {}, 'body');
    return scheduleCampaign(store, idOf(request.params), { now: clock.now(), schedule });
  });
  app.post('/api/campaigns/:id/send', async (request) =>
    sendCampaign(store, idOf(request.params), clock.now()),
  );
  app.post('/api/campaigns/:id/cancel', async (request) =>
    cancelCampaign(store, idOf(request.params), clock.now()),
  );
}
