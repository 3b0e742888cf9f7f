/**
 * The webhook Channel: POSTs the message as JSON to its recipient URL, signed with the destination's secret (see
 * sign-webhook.ts). One attempt per `send`: the dispatcher owns retries of outbox rows and reads `retryAfterMs`.
 */
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { Channel, RenderedMessage, SendOutcome } from '../channel.ts';
import { requestWithOutcome } from './http-outcome.ts';
import { SIGNATURE_HEADER, signWebhookPayload, TIMESTAMP_HEADER } from './sign-webhook.ts';

export interface WebhookChannelOptions {
  /** The secret of a destination URL; undefined sends the request unsigned. */
  secretFor: (url: string) => string | undefined;
  timeoutMs?: number;
  clock?: Clock;
}

/** What a receiver gets: the message's ids and its body (or its rendered parts when the sender gave no body). */
export function webhookPayload(message: RenderedMessage): Record<string, unknown> {
  return {
    messageId: message.id,
    profileId: message.profileId,
    campaignId: message.campaignId ?? null,
    journeyId: message.journeyId ?? null,
    templateId: message.templateId ?? null,
    body: message.body ?? {
      subject: message.subject ?? null,
      text: message.text,
      html: message.html ?? null,
    },
  };
}

/** Headers of a signed JSON POST; shared with content publishing and social webhooks. */
export function signedJsonHeaders(options: {
  body: string;
  secret: string | undefined;
  clock: Clock;
  idempotencyKey?: string;
}): Record<string, string> {
  const timestamp = Math.floor(options.clock.now().getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Segmint-Webhook/1',
    [TIMESTAMP_HEADER]: String(timestamp),
    ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    ...(options.secret
      ? { [SIGNATURE_HEADER]: signWebhookPayload({ secret: options.secret, timestamp, body: options.body }) }
      : {}),
  };
}

/** A secret resolver from a table of URL prefixes (longest prefix wins), e.g. one secret per receiving service. */
export function secretsByUrlPrefix(
  secrets: Readonly<Record<string, string>>,
): (url: string) => string | undefined {
  const prefixes = Object.keys(secrets).sort((a, b) => b.length - a.length);
  return (url) => {
    const prefix = prefixes.find((candidate) => url.startsWith(candidate));
    return prefix === undefined ? undefined : secrets[prefix];
  };
}

export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const clock = options.clock ?? systemClock;
  return {
    name: 'webhook',
    async send(message: RenderedMessage): Promise<SendOutcome> {
      const body = JSON.stringify(webhookPayload(message));
      const secret = options.secretFor(message.recipient);
      const headers = { ...signedJsonHeaders({ body, secret, clock, idempotencyKey: message.id }) };
      const result = await requestWithOutcome({
        url: message.recipient,
        headers,
        body,
        clock,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      return result.outcome;
    },
    async close() {},
  };
}
