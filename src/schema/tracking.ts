/**
 * What a tracking token carries: which link it is (open pixel, click, unsubscribe), the outbox message it belongs
 * to and, for clicks, the one URL it may redirect to. Tokens are signed (src/tracking/tracking-token.ts), so this
 * schema only checks the shape of a payload whose signature already verified.
 */
import { z } from 'zod';

export const TRACKING_LINK_KINDS = ['open', 'click', 'unsubscribe'] as const;
export type TrackingLinkKind = (typeof TRACKING_LINK_KINDS)[number];

const httpUrlSchema = z
  .string()
  .max(4096)
  .refine((text) => /^https?:\/\//i.test(text) && URL.canParse(text), 'must be an http(s) URL');

/** Short keys keep the links in emails short. */
export const trackingTokenPayloadSchema = z.discriminatedUnion('k', [
  z.object({ v: z.literal(1), k: z.literal('open'), m: z.string().min(1) }),
  z.object({ v: z.literal(1), k: z.literal('click'), m: z.string().min(1), u: httpUrlSchema }),
  z.object({ v: z.literal(1), k: z.literal('unsubscribe'), m: z.string().min(1) }),
]);

export type TrackingTokenPayload = z.infer<typeof trackingTokenPayloadSchema>;

/** The names and properties of tracking events (the contract shared by channels, journeys, campaigns, reports). */
export const TRACKING_EVENT_NAMES = {
  delivered: 'Email Delivered',
  bounced: 'Email Bounced',
  opened: 'Email Opened',
  clicked: 'Email Link Clicked',
  unsubscribed: 'Unsubscribed',
} as const;

export const trackingEventPropertiesSchema = z.object({
  messageId: z.string(),
  channel: z.string(),
  campaignId: z.string().optional(),
  journeyId: z.string().optional(),
  nodeId: z.string().optional(),
  templateId: z.string().optional(),
  variant: z.string().optional(),
  url: z.string().optional(),
  machine: z.boolean().optional(),
  error: z.string().optional(),
});

export type TrackingEventProperties = z.infer<typeof trackingEventPropertiesSchema>;
