/**
 * Test data for the reports (tests only): profiles by user id, outbox rows, tracking and conversion events, costs,
 * campaigns and journey runs written straight into the store, so a report's expected numbers can be worked out by
 * hand.
 */
import { commitMessages } from '../../ingest/commit-messages.ts';
import type { Store } from '../../store/store.ts';
import { normalized } from '../../test-support/messages.ts';

export const T0 = new Date('2025-05-01T10:00:00Z');
export const hoursAfterT0 = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();

export async function profileIdOf(store: Store, userId: string): Promise<string> {
  const [row] = await store.query<{ profile_id: string }>(
    "select profile_id from identities where kind = 'user_id' and value = $1",
    [userId],
  );
  if (!row) throw new Error(`no profile for ${userId}`);
  return row.profile_id;
}

export async function createProfiles(store: Store, userIds: readonly string[]): Promise<void> {
  await store.transaction((tx) =>
    commitMessages(
      tx,
      userIds.map((userId) => normalized({ type: 'identify', userId, traits: {} })),
    ),
  );
}

export interface TestMessage {
  id: string;
  userId: string;
  status: string;
  campaignId?: string;
  journeyId?: string;
  nodeId?: string;
  variant?: string;
  templateId?: string;
}

export async function insertMessages(store: Store, messages: readonly TestMessage[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const message of messages) {
      await tx.execute(
        `insert into messages (id, profile_id, channel, campaign_id, journey_id, node_id, variant, template_id, status,
                               attempts, created_at, sent_at, updated_at)
         values ($1, $2, 'email', $3, $4, $5, $6, $7, $8, 1, $9, $9, $9)`,
        [
          message.id,
          await profileIdOf(store, message.userId),
          message.campaignId ?? null,
          message.journeyId ?? null,
          message.nodeId ?? null,
          message.variant ?? null,
          message.templateId ?? null,
          message.status,
          T0,
        ],
      );
    }
  });
}

/** A tracking event of the contract (`Email Opened` …) at T0 + hours. */
export const trackingEvent = (
  userId: string,
  event: string,
  hours: number,
  properties: Record<string, unknown>,
) =>
  normalized({
    type: 'track',
    userId,
    event,
    timestamp: hoursAfterT0(hours),
    properties: { channel: 'email', ...properties },
  });

export const purchaseEvent = (userId: string, hours: number, properties: Record<string, unknown>) =>
  normalized({ type: 'track', userId, event: 'Order Completed', timestamp: hoursAfterT0(hours), properties });

export async function insertCampaign(store: Store, id: string, name: string): Promise<void> {
  await store.execute(
    `insert into campaigns (id, name, definition, status, created_at, updated_at) values ($1, $2, $3, 'sent', $4, $4)`,
    [id, name, JSON.stringify({ note: 'report test' }), T0],
  );
}

export async function insertJourneyRuns(
  store: Store,
  journey: { id: string; name: string },
  runs: readonly { userId: string; status: string }[],
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.execute(
      `insert into journeys (id, name, status, current_version, trigger_cursor, created_at, updated_at)
       values ($1, $2, 'active', 1, $3, $3, $3)`,
      [journey.id, journey.name, T0],
    );
    for (const [index, run] of runs.entries()) {
      await tx.execute(
        `insert into journey_runs (id, journey_id, version, profile_id, node_id, status, due_at, state, waiting_since,
                                   started_at, updated_at)
         values ($1, $2, 1, $3, 'start', $4, null, '{}', null, $5, $5)`,
        [`run-${journey.id}-${index}`, journey.id, await profileIdOf(store, run.userId), run.status, T0],
      );
    }
  });
}
