/**
 * A profile's status per subscription topic. One row per (profile, topic), replaced on change; after a merge a
 * profile may hold two rows of a topic until its next change, so readers take the latest.
 */
import type { ProfileSubscription, SubscriptionStatus, TopicChannel } from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';

export interface SubscriptionChange {
  profileId: string;
  topicId: string;
  status: SubscriptionStatus;
  /** Where the change came from: identify, import, api, preference_centre, unsubscribe, double_opt_in. */
  source: string;
  updatedAt: Date;
}

/** Writes each change, replacing the profile's row of the topic. Run it inside a transaction. */
export async function writeSubscriptions(
  executor: SqlExecutor,
  changes: readonly SubscriptionChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await executor.execute(
    `delete from subscriptions where exists (
       select 1 from (select unnest($1::varchar[]) as profile_id, unnest($2::varchar[]) as topic_id) changed
        where changed.profile_id = subscriptions.profile_id and changed.topic_id = subscriptions.topic_id)`,
    [changes.map((change) => change.profileId), changes.map((change) => change.topicId)],
  );
  // The last change of a (profile, topic) in the list wins.
  const latest = new Map(changes.map((change) => [`${change.profileId}\u0000${change.topicId}`, change]));
  await executor.insertRows(
    'subscriptions',
    ['profile_id', 'topic_id', 'status', 'source', 'updated_at'],
    [...latest.values()].map((change) => [
      change.profileId,
      change.topicId,
      change.status,
      change.source,
      change.updatedAt,
    ]),
  );
}

type SubscriptionRow = {
  topic_id: string;
  topic_name: string;
  channel: TopicChannel;
  status: SubscriptionStatus;
  source: string;
  updated_at: Date;
};

/** The profile's current status on each topic it has one for. */
export async function readSubscriptions(
  executor: SqlExecutor,
  profileId: string,
): Promise<ProfileSubscription[]> {
  const rows = await executor.query<SubscriptionRow>(
    `select s.topic_id, t.name as topic_name, t.channel, s.status, s.source, s.updated_at from (
       select topic_id, status, source, updated_at,
              row_number() over (partition by topic_id order by updated_at desc, status) as rank
         from subscriptions where profile_id = $1
     ) s join subscription_topics t on t.id = s.topic_id
     where s.rank = 1 order by t.channel, t.name`,
    [profileId],
  );
  return rows.map((row) => ({
    topicId: row.topic_id,
    topicName: row.topic_name,
    channel: row.channel,
    status: row.status,
    source: row.source,
    updatedAt: row.updated_at,
  }));
}
