/**
 * The public preference centre (no auth: the signed token in the link is the credential):
 * - `GET /preferences/<token>`: the profile's topics, marketing per channel and "do not sell or share" as a form;
 * - `POST /preferences/<token>`: saves it (consent records with source preference_centre, request as evidence);
 * - `GET|POST /preferences/confirm/<token>`: double opt-in confirmation (GET shows a button: link scanners fetch
 *   every URL in an email, so confirming on GET would confirm for people who never clicked).
 * A forged, altered or expired token answers 404 with a page saying so, and changes nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';
import { confirmSubscription } from '../../subscriptions/change-subscription.ts';
import { readPreferences, savePreferences } from '../../subscriptions/preference-centre.ts';
import {
  confirmSubscriptionPage,
  invalidPreferenceLinkPage,
  preferenceCentrePage,
  subscriptionConfirmedPage,
} from '../../subscriptions/preference-page.ts';
import {
  verifySubscriptionToken,
  type SubscriptionTokenPayload,
} from '../../subscriptions/subscription-token.ts';
import { getTopic } from '../../subscriptions/topics.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';

export interface PreferenceRouteOptions {
  store: Store;
  clock?: Clock;
}

const formSchema = z.object({
  topic: z.array(z.string().max(200)).max(500),
  channel: z.array(z.string().max(20)).max(10),
  do_not_sell: z.array(z.string()).max(1),
});

function readForm(body: unknown) {
  const params = new URLSearchParams(typeof body === 'string' ? body : '');
  return parseOrThrow(
    formSchema,
    {
      topic: params.getAll('topic'),
      channel: params.getAll('channel'),
      do_not_sell: params.getAll('do_not_sell'),
    },
    'form',
  );
}

function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html);
}

export function registerPreferenceRoutes(app: FastifyInstance, options: PreferenceRouteOptions): void {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  let secret: Promise<string> | undefined;
  const loadSecret = () =>
    (secret ??= loadTrackingSecret(store).catch((error: unknown) => {
      secret = undefined;
      throw error;
    }));

  /** The payload of a valid, unexpired token whose profile exists; null otherwise. */
  async function verified(token: string): Promise<SubscriptionTokenPayload | null> {
    const payload = verifySubscriptionToken(token, await loadSecret());
    if (!payload) return null;
    if (payload.k === 'confirm' && payload.e * 1000 < clock.now().getTime()) return null;
    const [profile] = await store.query('select id from profiles where id = $1', [payload.p]);
    return profile ? payload : null;
  }

  const evidenceOf = (request: FastifyRequest) => ({
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });

  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );

    scope.get<{ Params: { token: string } }>('/preferences/confirm/:token', async (request, reply) => {
      const payload = await verified(request.params.token);
      if (payload?.k !== 'confirm') return sendPage(reply, invalidPreferenceLinkPage(), 404);
      const topic = await getTopic(store, payload.t);
      return sendPage(reply, confirmSubscriptionPage({ topicName: topic.name, actionPath: request.url }));
    });

    scope.post<{ Params: { token: string } }>('/preferences/confirm/:token', async (request, reply) => {
      const payload = await verified(request.params.token);
      if (payload?.k !== 'confirm') return sendPage(reply, invalidPreferenceLinkPage(), 404);
      const topic = await store.transaction((tx) =>
        confirmSubscription(tx, { profileId: payload.p, topicId: payload.t, now: clock.now() }),
      );
      return sendPage(reply, subscriptionConfirmedPage(topic.name));
    });

    scope.get<{ Params: { token: string } }>('/preferences/:token', async (request, reply) => {
      const payload = await verified(request.params.token);
      if (payload?.k !== 'preferences') return sendPage(reply, invalidPreferenceLinkPage(), 404);
      const preferences = await readPreferences(store, payload.p);
      return sendPage(reply, preferenceCentrePage({ preferences, actionPath: request.url }));
    });

    scope.post<{ Params: { token: string } }>('/preferences/:token', async (request, reply) => {
      const payload = await verified(request.params.token);
      if (payload?.k !== 'preferences') return sendPage(reply, invalidPreferenceLinkPage(), 404);
      const form = readForm(request.body);
      const preferences = await store.transaction(async (tx) => {
        await savePreferences(tx, {
          profileId: payload.p,
          submitted: { topicIds: form.topic, channels: form.channel, doNotSell: form.do_not_sell.length > 0 },
          now: clock.now(),
          evidence: evidenceOf(request),
        });
        return readPreferences(tx, payload.p);
      });
      return sendPage(
        reply,
        preferenceCentrePage({
          preferences,
          actionPath: request.url,
          savedMessage: 'Your preferences are saved.',
        }),
      );
    });
  });
}
