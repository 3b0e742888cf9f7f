import { z } from 'zod';

/**
 * Subscription topics ("Weekly newsletter" on email, "Order updates" on sms) and each profile's status per topic.
 * Email topics may require double opt-in: the status stays 'pending' until a signed confirmation link is followed.
 */

/** Channels a topic delivers on (the outbox's channels plus sms and push for future senders). */
export const TOPIC_CHANNELS = ['email', 'sms', 'push', 'webhook'] as const;
export type TopicChannel = (typeof TOPIC_CHANNELS)[number];

export const SUBSCRIPTION_STATUSES = ['subscribed', 'unsubscribed', 'pending'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);

/** A topic name is also its key in `traits.subscriptions` and in segment conditions (`subscribed to weekly`). */
const topicNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'use letters, digits, "_", "." and "-" only (it is a trait key)');

export const createTopicInputSchema = z
  .object({
    name: topicNameSchema,
    channel: z.enum(TOPIC_CHANNELS),
    doubleOptIn: z.boolean().default(false),
    description: z.string().max(500).optional(),
  })
  .refine((topic) => !topic.doubleOptIn || topic.channel === 'email', {
    message: 'double opt-in is only available for email topics (the confirmation link is sent by email)',
    path: ['doubleOptIn'],
  });
export type CreateTopicInput = z.input<typeof createTopicInputSchema>;

export interface SubscriptionTopic {
  id: string;
  name: string;
  channel: TopicChannel;
  doubleOptIn: boolean;
  description: string | null;
  createdAt: Date;
}

export interface ProfileSubscription {
  topicId: string;
  topicName: string;
  channel: TopicChannel;
  status: SubscriptionStatus;
  source: string;
  updatedAt: Date;
}

/** Changes a profile's subscription: the API body of POST /api/subscriptions. */
export const setSubscriptionInputSchema = z.object({
  profileId: z.string().min(1).max(512),
  topic: z.string().min(1).max(100),
  status: z.enum(['subscribed', 'unsubscribed']),
});
export type SetSubscriptionInput = z.infer<typeof setSubscriptionInputSchema>;

/** Local wall-clock time 'HH:MM' (24-hour), as quiet hours are given. */
export const wallClockSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM on a 24-hour clock, e.g. 21:00');

/**
 * Per-channel send rules: a frequency cap (at most `maxMessages` sent within `periodHours`), quiet hours in the
 * profile's time zone (`quietStart` > `quietEnd` spans midnight) and whether the channel needs a recorded grant of
 * marketing consent (opt-in) instead of only the absence of a denial (opt-out, the default).
 */
export const sendRuleSchema = z
  .object({
    channel: z.string().min(1).max(50),
    maxMessages: z.number().int().positive().nullable().default(null),
    periodHours: z
      .number()
      .int()
      .positive()
      .max(24 * 366)
      .nullable()
      .default(null),
    quietStart: wallClockSchema.nullable().default(null),
    quietEnd: wallClockSchema.nullable().default(null),
    requireConsent: z.boolean().default(false),
  })
  .refine((rule) => (rule.maxMessages === null) === (rule.periodHours === null), {
    message: 'a frequency cap needs both maxMessages and periodHours (or neither)',
    path: ['maxMessages'],
  })
  .refine((rule) => (rule.quietStart === null) === (rule.quietEnd === null), {
    message: 'quiet hours need both quietStart and quietEnd (or neither)',
    path: ['quietStart'],
  })
  .refine((rule) => rule.quietStart === null || rule.quietStart !== rule.quietEnd, {
    message: 'quiet hours must not start and end at the same time',
    path: ['quietEnd'],
  });
export type SendRule = z.output<typeof sendRuleSchema>;
export type SendRuleInput = z.input<typeof sendRuleSchema>;
