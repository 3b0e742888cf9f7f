/**
 * Turns something that happened to an outbox message (delivered, bounced, opened, clicked, unsubscribed) into an
 * ordinary Segment `track` event on the message's profile, with the properties of the tracking-events contract.
 * The event is committed like any tracked event (commitMessages / the group committer), so segments, journeys and
 * reports see it the same way.
 */
import type { NormalizedMessage } from '../schema/messages.ts';
import type { TRACKING_EVENT_NAMES, TrackingEventProperties } from '../schema/tracking.ts';
import { normalizeMessage } from '../ingest/normalize-message.ts';
import type { SqlExecutor } from '../store/store.ts';

export type TrackingEventName = (typeof TRACKING_EVENT_NAMES)[keyof typeof TRACKING_EVENT_NAMES];

/** The outbox columns a tracking event needs. */
export type OutboxMessageRef = {
  id: string;
  profile_id: string;
  channel: string;
  status: string;
  recipient: string | null;
  campaign_id: string | null;
  journey_id: string | null;
  node_id: string | null;
  template_id: string | null;
  variant: string | null;
  /** The subscription topic the sender named in the row's data, if any. */
  topic: string | null;
  sent_at: Date | null;
};

function outboxRefColumns(executor: SqlExecutor): string {
  return `id, profile_id, channel, status, recipient, campaign_id, journey_id, node_id, template_id, variant,
          ${executor.dialect.jsonText('data', ['topic'])} as topic, sent_at`;
}

export async function loadOutboxMessage(executor: SqlExecutor, id: string): Promise<OutboxMessageRef | null> {
  const rows = await executor.query<OutboxMessageRef>(
    `select ${outboxRefColumns(executor)} from messages where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function loadOutboxMessages(
  executor: SqlExecutor,
  ids: readonly string[],
): Promise<OutboxMessageRef[]> {
  if (ids.length === 0) return [];
  return executor.query<OutboxMessageRef>(
    `select ${outboxRefColumns(executor)} from messages where id in (select unnest($1::varchar[]))`,
    [ids],
  );
}

export type ProfileIdentity = { userId: string } | { anonymousId: string };

/**
 * A track call must name the person by user id or anonymous id; the profile's user id is preferred. A profile known
 * only by email (no id of either kind) cannot receive a track call, so it is missing from the result and no event is
 * built for it.
 */
export async function identitiesOfProfiles(
  executor: SqlExecutor,
  profileIds: readonly string[],
): Promise<Map<string, ProfileIdentity>> {
  if (profileIds.length === 0) return new Map();
  const rows = await executor.query<{ profile_id: string; kind: string; value: string }>(
    `select profile_id, kind, value from identities
      where profile_id in (select unnest($1::varchar[])) and kind in ('user_id', 'anonymous_id')
      order by profile_id, case when kind = 'user_id' then 0 else 1 end, created_at, value`,
    [[...new Set(profileIds)]],
  );
  const identities = new Map<string, ProfileIdentity>();
  for (const row of rows) {
    if (identities.has(row.profile_id)) continue;
    identities.set(
      row.profile_id,
      row.kind === 'user_id' ? { userId: row.value } : { anonymousId: row.value },
    );
  }
  return identities;
}

export function trackingPropertiesOf(message: OutboxMessageRef): TrackingEventProperties {
  const properties: TrackingEventProperties = { messageId: message.id, channel: message.channel };
  if (message.campaign_id !== null) properties.campaignId = message.campaign_id;
  if (message.journey_id !== null) properties.journeyId = message.journey_id;
  if (message.node_id !== null) properties.nodeId = message.node_id;
  if (message.template_id !== null) properties.templateId = message.template_id;
  if (message.variant !== null) properties.variant = message.variant;
  return properties;
}

export interface TrackingEventRequest {
  message: OutboxMessageRef;
  event: TrackingEventName;
  /** The event's own id: deterministic for once-per-message events (delivered, unsubscribed) so repeats dedupe. */
  eventId: string;
  at: Date;
  extra?: Pick<TrackingEventProperties, 'url' | 'machine' | 'error'>;
}

/** The normalised track message of a tracking event, for a profile whose identity is known. */
export function trackingEventFor(
  request: TrackingEventRequest,
  identity: ProfileIdentity,
): NormalizedMessage {
  const result = normalizeMessage(
    {
      type: 'track',
      messageId: request.eventId,
      ...identity,
      event: request.event,
      timestamp: request.at.toISOString(),
      properties: { ...trackingPropertiesOf(request.message), ...request.extra },
      context: { library: { name: 'segmint-tracking' } },
    },
    { receivedAt: request.at, sourceId: null, path: `tracking event for ${request.message.id}` },
  );
  if (!result.ok) throw new Error(`invalid tracking event: ${JSON.stringify(result.errors)}`);
  return result.message;
}

export async function buildTrackingEvent(
  executor: SqlExecutor,
  request: TrackingEventRequest,
): Promise<NormalizedMessage | null> {
  const identity = (await identitiesOfProfiles(executor, [request.message.profile_id])).get(
    request.message.profile_id,
  );
  return identity ? trackingEventFor(request, identity) : null;
}
