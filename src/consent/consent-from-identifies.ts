/**
 * The commit-path hook: consent and topic subscriptions stated in `identify` traits (the convention is in
 * consent-traits.ts) become consent records and subscription rows in the same transaction as the events.
 *
 * Only changes are recorded: an identify repeating what is already the current answer adds nothing, so sending
 * `subscribed: true` with every identify does not grow the evidence table. An identify older than the current
 * answer still leaves a record (evidence) but does not change the answer (the latest record decides). Messages
 * with a source id came through the tracking API (source 'identify'); those without came from imports.
 */
import type { NormalizedMessage } from '../schema/messages.ts';
import type { ConsentRecord } from '../schema/consent.ts';
import type { SqlExecutor } from '../store/store.ts';
import { writeSubscriptions, type SubscriptionChange } from '../subscriptions/subscriptions.ts';
import { findTopics } from '../subscriptions/topics.ts';
import { consentFromTraits, type TraitConsent } from './consent-traits.ts';
import { decidingConsentRecord, readConsentAnswers } from './read-consent.ts';
import { recordConsent, type NewConsentRecord } from './record-consent.ts';

export interface CommittedMessage {
  message: NormalizedMessage;
  profileId: string;
}

interface Stated extends CommittedMessage {
  consent: TraitConsent;
}

/** Records consent from the identify calls among `committed` (stored now, in event-time order). */
export async function recordConsentFromIdentifies(
  tx: SqlExecutor,
  committed: readonly CommittedMessage[],
): Promise<void> {
  const stated: Stated[] = [];
  for (const entry of committed) {
    if (entry.message.type !== 'identify' || !entry.message.traits) continue;
    const consent = consentFromTraits(entry.message.traits);
    if (consent.changes.length > 0 || consent.topics.length > 0) stated.push({ ...entry, consent });
  }
  if (stated.length === 0) return;
  const profileIds = [...new Set(stated.map((entry) => entry.profileId))];
  await recordConsentChanges(tx, stated, profileIds);
  await applyTopicChanges(tx, stated, profileIds);
}

async function recordConsentChanges(tx: SqlExecutor, stated: readonly Stated[], profileIds: string[]) {
  const currentByProfile = new Map<string, ConsentRecord[]>();
  for (const record of await readConsentAnswers(tx, profileIds)) {
    currentByProfile.set(record.profileId, [...(currentByProfile.get(record.profileId) ?? []), record]);
  }
  const records: NewConsentRecord[] = [];
  for (const { message, profileId, consent } of stated) {
    const current = currentByProfile.get(profileId) ?? [];
    for (const change of consent.changes) {
      const deciding = decidingConsentRecord(current, change.purpose, change.channel);
      if (deciding?.status === change.status) continue;
      const record = {
        id: `identify:${message.messageId}:${change.purpose}:${change.channel}`,
        profileId,
        ...change,
        source: message.sourceId === null ? ('import' as const) : ('identify' as const),
        recordedAt: message.timestamp,
        evidence: { messageId: message.messageId, sourceId: message.sourceId },
      };
      records.push(record);
      current.push(record);
      currentByProfile.set(profileId, current);
    }
  }
  // The ids derive from messages stored in this transaction, so none exists yet.
  await recordConsent(tx, records, { areNew: true });
}

async function applyTopicChanges(tx: SqlExecutor, stated: readonly Stated[], profileIds: string[]) {
  const names = [...new Set(stated.flatMap((entry) => entry.consent.topics.map((topic) => topic.topic)))];
  if (names.length === 0) return;
  const topics = await findTopics(tx, names);
  const topicIdOf = new Map(
    topics.flatMap(
      (topic) =>
        [
          [topic.name, topic.id],
          [topic.id, topic.id],
        ] as const,
    ),
  );
  const rows = await tx.query<{ profile_id: string; topic_id: string; status: string; updated_at: Date }>(
    `select profile_id, topic_id, status, updated_at from subscriptions
      where profile_id in (select unnest($1::varchar[])) order by updated_at`,
    [profileIds],
  );
  const current = new Map(rows.map((row) => [`${row.profile_id}\u0000${row.topic_id}`, row]));
  const changes: SubscriptionChange[] = [];
  for (const { message, profileId, consent } of stated) {
    for (const { topic, status } of consent.topics) {
      const topicId = topicIdOf.get(topic);
      if (!topicId) continue; // an unknown topic in traits is data, not an error
      const key = `${profileId}\u0000${topicId}`;
      const known = current.get(key);
      if (known && (known.status === status || known.updated_at > message.timestamp)) continue;
      const source = message.sourceId === null ? 'import' : 'identify';
      changes.push({ profileId, topicId, status, source, updatedAt: message.timestamp });
      current.set(key, { profile_id: profileId, topic_id: topicId, status, updated_at: message.timestamp });
    }
  }
  await writeSubscriptions(tx, changes);
}
