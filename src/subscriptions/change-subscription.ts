/**
 * Subscribing, confirming (double opt-in) and unsubscribing. A confirmed subscription also records a marketing
 * consent grant on the topic's channel, so an earlier "unsubscribe from everything" does not keep suppressing the
 * newsletter the person has just asked for; unsubscribing from a whole channel records the denial.
 */
import { decidingConsentRecord, readCurrentConsent } from '../consent/read-consent.ts';
import { recordConsent } from '../consent/record-consent.ts';
import type { ConsentChannel, ConsentSource } from '../schema/consent.ts';
import type { SubscriptionStatus, SubscriptionTopic } from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';
import { signSubscriptionToken } from './subscription-token.ts';
import { readSubscriptions, writeSubscriptions } from './subscriptions.ts';
import { getTopic, listTopics } from './topics.ts';

/** How long a double opt-in confirmation link stays valid. */
export const CONFIRMATION_LINK_DAYS = 7;

export interface SubscribeResult {
  topic: SubscriptionTopic;
  status: SubscriptionStatus;
  /** For a double opt-in topic: the token of the confirmation link (`/preferences/confirm/<token>`). */
  confirmationToken?: string;
}

async function grantMarketingIfNeeded(
  executor: SqlExecutor,
  options: { profileId: string; channel: ConsentChannel; source: ConsentSource; now: Date; topicId: string },
): Promise<void> {
  const current = await readCurrentConsent(executor, [options.profileId]);
  const deciding = decidingConsentRecord(current, 'marketing', options.channel);
  if (deciding?.status === 'granted') return;
  await recordConsent(executor, [
    {
      profileId: options.profileId,
      purpose: 'marketing',
      channel: options.channel,
      status: 'granted',
      source: options.source,
      recordedAt: options.now,
      evidence: { subscribedToTopic: options.topicId },
    },
  ]);
}

/**
 * Subscribes a profile to a topic. On a double opt-in topic the status is 'pending' (unless already subscribed)
 * and the result carries the confirmation token; `secret` is then required (the tracking secret).
 */
export async function subscribe(
  executor: SqlExecutor,
  options: {
    profileId: string;
    topic: string;
    source: ConsentSource;
    now: Date;
    secret?: string;
    /** The person proved they own the address (they followed a signed link sent to it): no confirmation needed. */
    isAddressVerified?: boolean;
  },
): Promise<SubscribeResult> {
  const topic = await getTopic(executor, options.topic);
  const current = (await readSubscriptions(executor, options.profileId)).find(
    (subscription) => subscription.topicId === topic.id,
  );
  if (current?.status === 'subscribed') return { topic, status: 'subscribed' };
  if (topic.doubleOptIn && !options.isAddressVerified) {
    if (!options.secret) throw new Error('subscribing to a double opt-in topic needs the signing secret');
    await writeSubscriptions(executor, [
      {
        profileId: options.profileId,
        topicId: topic.id,
        status: 'pending',
        source: options.source,
        updatedAt: options.now,
      },
    ]);
    const expires = Math.floor(options.now.getTime() / 1000) + CONFIRMATION_LINK_DAYS * 86_400;
    const confirmationToken = signSubscriptionToken(
      { v: 1, k: 'confirm', p: options.profileId, t: topic.id, e: expires },
      options.secret,
    );
    return { topic, status: 'pending', confirmationToken };
  }
  await writeSubscriptions(executor, [
    {
      profileId: options.profileId,
      topicId: topic.id,
      status: 'subscribed',
      source: options.source,
      updatedAt: options.now,
    },
  ]);
  await grantMarketingIfNeeded(executor, { ...options, channel: topic.channel, topicId: topic.id });
  return { topic, status: 'subscribed' };
}

/** Completes a double opt-in: the confirmation link was followed. */
export async function confirmSubscription(
  executor: SqlExecutor,
  options: { profileId: string; topicId: string; now: Date },
): Promise<SubscriptionTopic> {
  const topic = await getTopic(executor, options.topicId);
  await writeSubscriptions(executor, [
    {
      profileId: options.profileId,
      topicId: topic.id,
      status: 'subscribed',
      source: 'double_opt_in',
      updatedAt: options.now,
    },
  ]);
  await grantMarketingIfNeeded(executor, {
    profileId: options.profileId,
    channel: topic.channel,
    source: 'double_opt_in',
    now: options.now,
    topicId: topic.id,
  });
  return topic;
}

export interface UnsubscribeResult {
  /** Names of the topics now unsubscribed. */
  topics: string[];
  /** Whether a marketing denial was recorded for the channel (unsubscribing from all of it). */
  consentDenied: boolean;
}

/**
 * Unsubscribes a profile from one topic, or, without a topic, from everything on the channel ('all': every
 * channel): every subscribed or pending topic there becomes 'unsubscribed' and marketing consent is denied.
 */
export async function unsubscribe(
  executor: SqlExecutor,
  options: { profileId: string; channel: ConsentChannel; topic?: string; source: ConsentSource; now: Date },
): Promise<UnsubscribeResult> {
  const change = (topicId: string) => ({
    profileId: options.profileId,
    topicId,
    status: 'unsubscribed' as const,
    source: options.source,
    updatedAt: options.now,
  });
  if (options.topic !== undefined) {
    const topic = await getTopic(executor, options.topic);
    await writeSubscriptions(executor, [change(topic.id)]);
    return { topics: [topic.name], consentDenied: false };
  }
  const topics = (await listTopics(executor)).filter(
    (topic) => options.channel === 'all' || topic.channel === options.channel,
  );
  const active = new Set(
    (await readSubscriptions(executor, options.profileId))
      .filter((subscription) => subscription.status !== 'unsubscribed')
      .map((subscription) => subscription.topicId),
  );
  const leaving = topics.filter((topic) => active.has(topic.id));
  await writeSubscriptions(
    executor,
    leaving.map((topic) => change(topic.id)),
  );
  await recordConsent(executor, [
    {
      profileId: options.profileId,
      purpose: 'marketing',
      channel: options.channel,
      status: 'denied',
      source: options.source,
      recordedAt: options.now,
      evidence: { unsubscribedFrom: options.channel },
    },
  ]);
  return { topics: leaving.map((topic) => topic.name), consentDenied: true };
}
