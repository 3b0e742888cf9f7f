/**
 * What the public tracking endpoints do, apart from HTTP: verify the token, find the outbox message, record the
 * event through the ingestion path (`submit`: the group committer in the server) and, for unsubscribes, suppress
 * the address. A token that does not verify, or names no message, records nothing.
 */
import { randomUUID } from 'node:crypto';
import type { NormalizedMessage } from '../schema/messages.ts';
import { TRACKING_EVENT_NAMES, type TrackingTokenPayload } from '../schema/tracking.ts';
import type { Store } from '../store/store.ts';
import { CONSENT_CHANNELS } from '../schema/consent.ts';
import { unsubscribe } from '../subscriptions/change-subscription.ts';
import { findTopics } from '../subscriptions/topics.ts';
import { isMachineOpen } from './machine-open.ts';
import { suppressAddress } from './suppressions.ts';
import { buildTrackingEvent, loadOutboxMessage, type OutboxMessageRef } from './tracking-event.ts';
import { verifyTrackingToken } from './tracking-token.ts';

export interface TrackingActionContext {
  store: Store;
  secret: string;
  /** Commits events like any tracked message (GroupCommitter.submit in the server). */
  submit: (messages: NormalizedMessage[]) => Promise<unknown>;
  now: Date;
}

type PayloadOf<K extends TrackingTokenPayload['k']> = Extract<TrackingTokenPayload, { k: K }>;

/** The verified payload of the given kind and its outbox message, or null (forged, wrong kind, unknown message). */
export async function resolveTrackingToken<K extends TrackingTokenPayload['k']>(
  context: Pick<TrackingActionContext, 'store' | 'secret'>,
  token: string,
  kind: K,
): Promise<{ payload: PayloadOf<K>; message: OutboxMessageRef } | null> {
  const payload = verifyTrackingToken(token, context.secret);
  if (!payload || !isKind(payload, kind)) return null;
  const message = await loadOutboxMessage(context.store, payload.m);
  return message ? { payload, message } : null;
}

function isKind<K extends TrackingTokenPayload['k']>(
  payload: TrackingTokenPayload,
  kind: K,
): payload is PayloadOf<K> {
  return payload.k === kind;
}

async function submitEvent(
  context: TrackingActionContext,
  event: Parameters<typeof buildTrackingEvent>[1],
): Promise<void> {
  const built = await buildTrackingEvent(context.store, event);
  if (built) await context.submit([built]);
}

/** Submits an open or a click of a tracked message, flagging opens by scanners and image proxies as machine. */
async function submitEngagement(
  context: TrackingActionContext,
  options: { message: OutboxMessageRef; userAgent: string | undefined },
  kind: 'open' | 'click',
  extra: Record<string, unknown>,
): Promise<void> {
  const machine = isMachineOpen({
    userAgent: options.userAgent,
    deliveredAt: options.message.sent_at,
    now: context.now,
  });
  await submitEvent(context, {
    message: options.message,
    event: kind === 'open' ? TRACKING_EVENT_NAMES.opened : TRACKING_EVENT_NAMES.clicked,
    eventId: `${kind}-${randomUUID()}`,
    at: context.now,
    extra: { ...extra, machine },
  });
}

/** Records `Email Opened`; false when the token is not a valid open token. */
export async function recordOpen(
  context: TrackingActionContext,
  options: { token: string; userAgent: string | undefined },
): Promise<boolean> {
  const resolved = await resolveTrackingToken(context, options.token, 'open');
  if (!resolved) return false;
  await submitEngagement(context, { message: resolved.message, userAgent: options.userAgent }, 'open', {});
  return true;
}

/** Records `Email Link Clicked` and returns the signed target URL; null when the token is not a click token. */
export async function recordClick(
  context: TrackingActionContext,
  options: { token: string; userAgent: string | undefined },
): Promise<string | null> {
  const resolved = await resolveTrackingToken(context, options.token, 'click');
  if (!resolved) return null;
  const { message, payload } = resolved;
  await submitEngagement(context, { message, userAgent: options.userAgent }, 'click', { url: payload.u });
  return payload.u;
}

/**
 * Unsubscribes the recipient of the message through the subscriptions module: from the message's topic when it
 * had one, else from all marketing on its channel (a consent denial, which the send policy then enforces); and
 * records `Unsubscribed` once per message (a repeated POST adds no event). Channels outside consent (none today)
 * fall back to suppressing the address. Returns the address, or null for an invalid token.
 */
export async function unsubscribeRecipient(
  context: TrackingActionContext,
  options: { token: string },
): Promise<{ address: string | null } | null> {
  const resolved = await resolveTrackingToken(context, options.token, 'unsubscribe');
  if (!resolved) return null;
  const { message } = resolved;
  const channel = CONSENT_CHANNELS.find((known) => known === message.channel);
  if (channel) {
    await unsubscribe(context.store, {
      profileId: message.profile_id,
      channel,
      ...(message.topic !== null && (await findTopics(context.store, [message.topic])).length > 0
        ? { topic: message.topic }
        : {}),
      source: 'unsubscribe',
      now: context.now,
    });
  } else if (message.recipient) {
    await suppressAddress(context.store, {
      channel: message.channel,
      address: message.recipient,
      reason: 'unsubscribed',
      messageId: message.id,
      at: context.now,
    });
  }
  await submitEvent(context, {
    message,
    event: TRACKING_EVENT_NAMES.unsubscribed,
    eventId: `unsubscribed-${message.id}`,
    at: context.now,
  });
  return { address: message.recipient };
}
