/**
 * The preference centre's model: what a profile sees (topics, marketing per channel, "do not sell or share") and
 * saving what it submits. Saving records only what changed, each change with source 'preference_centre' and the
 * request as evidence. A channel without any consent record shows as allowed (the opt-out default).
 */
import { decidingConsentRecord, readCurrentConsent } from '../consent/read-consent.ts';
import { recordConsent, type NewConsentRecord } from '../consent/record-consent.ts';
import type { ConsentChannel } from '../schema/consent.ts';
import type { SubscriptionStatus, SubscriptionTopic } from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';
import { subscribe, unsubscribe } from './change-subscription.ts';
import { readSubscriptions } from './subscriptions.ts';
import { listTopics } from './topics.ts';

/** Channels whose marketing consent the preference centre offers. */
export const PREFERENCE_CHANNELS = ['email', 'sms', 'push'] as const satisfies readonly ConsentChannel[];
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];

export interface Preferences {
  topics: { topic: SubscriptionTopic; status: SubscriptionStatus | 'none' }[];
  channels: { channel: PreferenceChannel; isAllowed: boolean }[];
  doNotSell: boolean;
}

export interface SubmittedPreferences {
  topicIds: readonly string[];
  channels: readonly string[];
  doNotSell: boolean;
}

export async function readPreferences(executor: SqlExecutor, profileId: string): Promise<Preferences> {
  const [topics, subscriptions, consent] = [
    await listTopics(executor),
    await readSubscriptions(executor, profileId),
    await readCurrentConsent(executor, [profileId]),
  ];
  const statusOf = new Map(subscriptions.map((row) => [row.topicId, row.status]));
  return {
    topics: topics.map((topic) => ({ topic, status: statusOf.get(topic.id) ?? 'none' })),
    channels: PREFERENCE_CHANNELS.map((channel) => ({
      channel,
      isAllowed: decidingConsentRecord(consent, 'marketing', channel)?.status !== 'denied',
    })),
    doNotSell: decidingConsentRecord(consent, 'sale_sharing', 'all')?.status === 'denied',
  };
}

/** Applies a submitted form. Run it in a transaction. */
export async function savePreferences(
  executor: SqlExecutor,
  options: {
    profileId: string;
    submitted: SubmittedPreferences;
    now: Date;
    evidence: Record<string, unknown>;
  },
): Promise<void> {
  const { profileId, submitted, now } = options;
  const before = await readPreferences(executor, profileId);
  const wanted = new Set(submitted.topicIds);
  for (const { topic, status } of before.topics) {
    const isActive = status === 'subscribed' || status === 'pending';
    if (wanted.has(topic.id) && status !== 'subscribed') {
      // The page was opened from a signed link sent to the person: that confirms the address.
      await subscribe(executor, {
        profileId,
        topic: topic.id,
        source: 'preference_centre',
        now,
        isAddressVerified: true,
      });
    } else if (!wanted.has(topic.id) && isActive) {
      await unsubscribe(executor, {
        profileId,
        channel: topic.channel,
        topic: topic.id,
        source: 'preference_centre',
        now,
      });
    }
  }
  const records: NewConsentRecord[] = [];
  const record = (change: Pick<NewConsentRecord, 'purpose' | 'channel' | 'status'>) =>
    records.push({
      ...change,
      profileId,
      source: 'preference_centre',
      recordedAt: now,
      evidence: options.evidence,
    });
  for (const { channel, isAllowed } of before.channels) {
    const isWanted = submitted.channels.includes(channel);
    if (isWanted !== isAllowed)
      record({ purpose: 'marketing', channel, status: isWanted ? 'granted' : 'denied' });
  }
  if (submitted.doNotSell !== before.doNotSell) {
    record({ purpose: 'sale_sharing', channel: 'all', status: submitted.doNotSell ? 'denied' : 'granted' });
  }
  await recordConsent(executor, records);
}
