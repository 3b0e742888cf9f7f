/** Subscription topics: what a profile can subscribe to, per channel. */
import { randomUUID } from 'node:crypto';
import { SegmintError } from '../errors.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import {
  createTopicInputSchema,
  type CreateTopicInput,
  type SubscriptionTopic,
  type TopicChannel,
} from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';

type TopicRow = {
  id: string;
  name: string;
  channel: TopicChannel;
  double_opt_in: boolean;
  description: string | null;
  created_at: Date;
};

const TOPIC_COLUMNS = 'id, name, channel, double_opt_in, description, created_at';

function toTopic(row: TopicRow): SubscriptionTopic {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    doubleOptIn: row.double_opt_in,
    description: row.description,
    createdAt: row.created_at,
  };
}

/** Creates a topic; `input` is validated here (a CreateTopicInput from typed callers, a request body from the API). */
export async function createTopic(
  executor: SqlExecutor,
  input: CreateTopicInput | Record<string, unknown>,
  now: Date = new Date(),
): Promise<SubscriptionTopic> {
  const topic = parseOrThrow(createTopicInputSchema, input, 'topic');
  const existing = await findTopics(executor, [topic.name]);
  if (existing.length > 0) {
    throw new SegmintError(
      'conflict',
      `A subscription topic named '${topic.name}' exists already: choose another name.`,
    );
  }
  const row: TopicRow = {
    id: randomUUID(),
    name: topic.name,
    channel: topic.channel,
    double_opt_in: topic.doubleOptIn,
    description: topic.description ?? null,
    created_at: now,
  };
  await executor.execute(
    `insert into subscription_topics (${TOPIC_COLUMNS}) values ($1, $2, $3, $4, $5, $6)`,
    [row.id, row.name, row.channel, row.double_opt_in, row.description, row.created_at],
  );
  return toTopic(row);
}

export async function listTopics(executor: SqlExecutor): Promise<SubscriptionTopic[]> {
  const rows = await executor.query<TopicRow>(
    `select ${TOPIC_COLUMNS} from subscription_topics order by channel, name`,
  );
  return rows.map(toTopic);
}

/** The topics named (by name or id) among `namesOrIds`; unknown ones are left out. */
export async function findTopics(
  executor: SqlExecutor,
  namesOrIds: readonly string[],
): Promise<SubscriptionTopic[]> {
  if (namesOrIds.length === 0) return [];
  const rows = await executor.query<TopicRow>(
    `select ${TOPIC_COLUMNS} from subscription_topics
      where name in (select unnest($1::varchar[])) or id in (select unnest($1::varchar[]))`,
    [namesOrIds],
  );
  return rows.map(toTopic);
}

export async function getTopic(executor: SqlExecutor, nameOrId: string): Promise<SubscriptionTopic> {
  const [topic] = await findTopics(executor, [nameOrId]);
  if (!topic) {
    throw new SegmintError(
      'not_found',
      `No subscription topic '${nameOrId}': list them with \`segmint subscriptions topics list\` (GET /api/subscriptions/topics).`,
    );
  }
  return topic;
}
