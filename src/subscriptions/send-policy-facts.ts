/**
 * The facts the send policy decides on, read set-wise for a whole batch of requests: a fixed handful of queries
 * (profiles, suppressions, consent, send rules, topic statuses, recent sends, plus one per distinct topic named)
 * whatever the batch size. On DuckDB each query costs about a millisecond, so reading per request was the
 * dispatcher's bottleneck.
 */
import { readCurrentConsent } from '../consent/read-consent.ts';
import type { ConsentRecord } from '../schema/consent.ts';
import type { SendRule, SubscriptionStatus, SubscriptionTopic } from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';
import type { SuppressionReason } from '../tracking/suppressions.ts';
import { listSendRules } from './send-rules.ts';
import { findTopics } from './topics.ts';

export interface SendPolicyRequest {
  profileId: string;
  /** The outbox channel: email, sms, push, webhook, social, … */
  channel: string;
  /** The subscription topic (name or id) the message belongs to, if any. */
  topic?: string;
  now: Date;
}

/** The trait holding each channel's address on the suppression list. */
export const ADDRESS_TRAITS: Readonly<Record<string, string>> = { email: 'email', sms: 'phone' };

export interface SendPolicyFacts {
  traits: Map<string, Record<string, unknown>>;
  /** Suppressed addresses by `suppressionKey(channel, address)`. */
  suppressed: Map<string, SuppressionReason>;
  consent: Map<string, ConsentRecord[]>;
  rules: Map<string, SendRule>;
  /** Each topic named by a request (name or id) → the topic, or undefined when there is none. */
  topics: Map<string, SubscriptionTopic | undefined>;
  /** By `pairKey(profileId, topicId)`: the latest status. */
  subscriptions: Map<string, SubscriptionStatus>;
  /** By `pairKey(profileId, channel)`: send times of capped channels within the widest window of the batch. */
  sentAt: Map<string, Date[]>;
}

export function pairKey(first: string, second: string): string {
  return `${first}\u0000${second}`;
}

/** Same normalisation as src/tracking/suppressions.ts: email addresses compare lower-cased. */
function normalizedAddress(channel: string, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}

export function suppressionKey(channel: string, address: string): string {
  return pairKey(channel, normalizedAddress(channel, address));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The suppression reasons of the given (channel, address) pairs that are on the list, in one query. */
export async function readSuppressedAddresses(
  executor: SqlExecutor,
  pairs: readonly { channel: string; address: string }[],
): Promise<Map<string, SuppressionReason>> {
  const keys = new Set(pairs.map((pair) => suppressionKey(pair.channel, pair.address)));
  if (keys.size === 0) return new Map();
  const addresses = [...new Set(pairs.map((pair) => normalizedAddress(pair.channel, pair.address)))];
  const rows = await executor.query<{ channel: string; address: string; reason: SuppressionReason }>(
    'select channel, address, reason from suppressions where address in (select unnest($1::varchar[]))',
    [addresses],
  );
  const found = new Map<string, SuppressionReason>();
  for (const row of rows) {
    const key = pairKey(row.channel, row.address);
    if (keys.has(key)) found.set(key, row.reason);
  }
  return found;
}

async function readTraits(
  executor: SqlExecutor,
  profileIds: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const rows = await executor.query<{ id: string; traits: Record<string, unknown> }>(
    'select id, traits from profiles where id in (select unnest($1::varchar[]))',
    [profileIds],
  );
  return new Map(rows.map((row) => [row.id, row.traits]));
}

/** Like readSubscriptions, per (profile, topic): the latest row, ties broken by status. */
async function readTopicStatuses(
  executor: SqlExecutor,
  profileIds: readonly string[],
  topicIds: readonly string[],
): Promise<Map<string, SubscriptionStatus>> {
  if (profileIds.length === 0 || topicIds.length === 0) return new Map();
  const rows = await executor.query<{ profile_id: string; topic_id: string; status: SubscriptionStatus }>(
    `select profile_id, topic_id, status from (
       select profile_id, topic_id, status,
              row_number() over (partition by profile_id, topic_id order by updated_at desc, status) as rank
         from subscriptions
        where profile_id in (select unnest($1::varchar[])) and topic_id in (select unnest($2::varchar[]))
     ) latest where rank = 1`,
    [profileIds, topicIds],
  );
  return new Map(rows.map((row) => [pairKey(row.profile_id, row.topic_id), row.status]));
}

/** Sent messages of capped channels, from the earliest window start of the batch to its latest `now`. */
async function readRecentSends(
  executor: SqlExecutor,
  requests: readonly SendPolicyRequest[],
  rules: ReadonlyMap<string, SendRule>,
): Promise<Map<string, Date[]>> {
  let from: number | undefined;
  let to: number | undefined;
  const capped = requests.filter((request) => {
    const rule = rules.get(request.channel);
    if (rule?.maxMessages == null || rule.periodHours == null) return false;
    const start = request.now.getTime() - rule.periodHours * 3_600_000;
    from = Math.min(from ?? start, start);
    to = Math.max(to ?? request.now.getTime(), request.now.getTime());
    return true;
  });
  if (capped.length === 0 || from === undefined || to === undefined) return new Map();
  const rows = await executor.query<{ profile_id: string; channel: string; sent_at: Date }>(
    `select profile_id, channel, sent_at from messages
      where profile_id in (select unnest($1::varchar[])) and channel in (select unnest($2::varchar[]))
        and status = 'sent' and sent_at > $3 and sent_at <= $4`,
    [
      [...new Set(capped.map((request) => request.profileId))],
      [...new Set(capped.map((request) => request.channel))],
      new Date(from),
      new Date(to),
    ],
  );
  const sent = new Map<string, Date[]>();
  for (const [key, group] of groupBy(rows, (row) => pairKey(row.profile_id, row.channel))) {
    sent.set(
      key,
      group.map((row) => row.sent_at),
    );
  }
  return sent;
}

export async function readSendPolicyFacts(
  executor: SqlExecutor,
  requests: readonly SendPolicyRequest[],
): Promise<SendPolicyFacts> {
  const profileIds = [...new Set(requests.map((request) => request.profileId))];
  const traits = await readTraits(executor, profileIds);
  const addresses = requests.flatMap((request) => {
    const trait = ADDRESS_TRAITS[request.channel];
    const address = trait ? traits.get(request.profileId)?.[trait] : undefined;
    return typeof address === 'string' && address.trim() !== ''
      ? [{ channel: request.channel, address }]
      : [];
  });
  const suppressed = await readSuppressedAddresses(executor, addresses);
  const consent = groupBy(await readCurrentConsent(executor, profileIds), (record) => record.profileId);
  const rules = new Map((await listSendRules(executor)).map((rule) => [rule.channel, rule]));
  // Usually one topic per batch (a campaign's); findTopics per name keeps its "first match" rule exactly.
  const topics = new Map<string, SubscriptionTopic | undefined>();
  for (const name of new Set(
    requests.flatMap((request) => (request.topic === undefined ? [] : [request.topic])),
  )) {
    topics.set(name, (await findTopics(executor, [name]))[0]);
  }
  const topicIds = [...topics.values()].flatMap((topic) => (topic ? [topic.id] : []));
  const topicProfiles = [
    ...new Set(requests.filter((request) => request.topic !== undefined).map((request) => request.profileId)),
  ];
  const subscriptions = await readTopicStatuses(executor, topicProfiles, topicIds);
  const sentAt = await readRecentSends(executor, requests, rules);
  return { traits, suppressed, consent, rules, topics, subscriptions, sentAt };
}
