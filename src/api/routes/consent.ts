/**
 * Management API for consent, subscriptions and send rules (admin key): the same operations as `segmint consent …`,
 * `segmint subscriptions …` and `segmint send-rules …`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { resolveProfileId, setConsent, showProfileConsent } from '../../consent/profile-consent.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { consentChannelSchema } from '../../schema/consent.ts';
import { setSubscriptionInputSchema } from '../../schema/subscription.ts';
import type { Store } from '../../store/store.ts';
import { subscribe, unsubscribe } from '../../subscriptions/change-subscription.ts';
import { listSendRules, setSendRule } from '../../subscriptions/send-rules.ts';
import { checkSendPolicy } from '../../subscriptions/send-policy.ts';
import { preferenceCentrePath } from '../../subscriptions/subscription-token.ts';
import { createTopic, listTopics } from '../../subscriptions/topics.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';

export interface ConsentRouteOptions {
  store: Store;
  clock?: Clock;
}

const profileParamsSchema = z.object({ profile: z.string().min(1).max(8192) });
/** Bodies validated by the domain function they go to (its schema names each bad field). */
const bodyObjectSchema = z.record(z.string(), z.unknown());
const channelParamsSchema = z.object({ channel: z.string().min(1).max(50) });
const unsubscribeBodySchema = z.object({
  profileId: z.string().min(1).max(512),
  channel: consentChannelSchema,
  topic: z.string().min(1).max(100).optional(),
});
const policyCheckBodySchema = z.object({
  profileId: z.string().min(1).max(512),
  channel: z.string().min(1).max(50),
  topic: z.string().min(1).max(100).optional(),
  at: z.coerce.date().optional(),
});

export function registerConsentRoutes(app: FastifyInstance, options: ConsentRouteOptions): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const profileOf = (params: unknown) => parseOrThrow(profileParamsSchema, params, 'params').profile;

  app.get('/api/consent/:profile', async (request) => showProfileConsent(store, profileOf(request.params)));
  app.post('/api/consent', async (request, reply) =>
    reply.code(201).send(await setConsent(store, request.body ?? {}, { source: 'api', now: clock.now() })),
  );
  // The link to put in emails ("manage your preferences"): append it to the server's public URL.
  app.get('/api/consent/:profile/preferences-link', async (request) => {
    const profileId = await resolveProfileId(store, profileOf(request.params));
    return { profileId, path: preferenceCentrePath(profileId, await loadTrackingSecret(store)) };
  });

  app.get('/api/subscriptions/topics', async () => listTopics(store));
  app.post('/api/subscriptions/topics', async (request, reply) =>
    reply
      .code(201)
      .send(
        await createTopic(store, parseOrThrow(bodyObjectSchema, request.body ?? {}, 'body'), clock.now()),
      ),
  );
  app.get('/api/subscriptions/:profile', async (request) => {
    const { subscriptions, profileId } = await showProfileConsent(store, profileOf(request.params));
    return { profileId, subscriptions };
  });
  app.post('/api/subscriptions', async (request) => {
    const body = parseOrThrow(setSubscriptionInputSchema, request.body ?? {}, 'body');
    const now = clock.now();
    const secret = await loadTrackingSecret(store);
    return store.transaction(async (tx) => {
      const profileId = await resolveProfileId(tx, body.profileId);
      if (body.status === 'unsubscribed') {
        const topic = await unsubscribe(tx, {
          profileId,
          channel: 'all',
          topic: body.topic,
          source: 'api',
          now,
        });
        return { profileId, status: 'unsubscribed', topics: topic.topics };
      }
      const result = await subscribe(tx, { profileId, topic: body.topic, source: 'api', now, secret });
      return {
        profileId,
        topic: result.topic.name,
        status: result.status,
        ...(result.confirmationToken
          ? { confirmationPath: `/preferences/confirm/${result.confirmationToken}` }
          : {}),
      };
    });
  });
  app.post('/api/subscriptions/unsubscribe', async (request) => {
    const body = parseOrThrow(unsubscribeBodySchema, request.body ?? {}, 'body');
    return store.transaction(async (tx) =>
      unsubscribe(tx, {
        profileId: await resolveProfileId(tx, body.profileId),
        channel: body.channel,
        ...(body.topic ? { topic: body.topic } : {}),
        source: 'api',
        now: clock.now(),
      }),
    );
  });

  app.get('/api/send-rules', async () => listSendRules(store));
  app.put('/api/send-rules/:channel', async (request) => {
    const { channel } = parseOrThrow(channelParamsSchema, request.params, 'params');
    const body = parseOrThrow(bodyObjectSchema, request.body ?? {}, 'body');
    return setSendRule(store, { ...body, channel }, clock.now());
  });
  // What the dispatcher would decide now (or at `at`): for checking rules and consent by hand.
  app.post('/api/send-policy/check', async (request) => {
    const body = parseOrThrow(policyCheckBodySchema, request.body ?? {}, 'body');
    return checkSendPolicy(store, {
      profileId: await resolveProfileId(store, body.profileId),
      channel: body.channel,
      ...(body.topic ? { topic: body.topic } : {}),
      now: body.at ?? clock.now(),
    });
  });
}
