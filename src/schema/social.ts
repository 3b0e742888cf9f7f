import { z } from 'zod';
import { contentNameSchema } from './content.ts';

/**
 * Social accounts and scheduled posts. A Mastodon-compatible account posts with `POST /api/v1/statuses` and a bearer
 * token; a webhook account POSTs the post as signed JSON to a URL (for networks bridged by another service).
 */
export const socialAccountInputSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('mastodon'),
    name: contentNameSchema,
    baseUrl: z.url({ protocol: /^https?$/ }),
    token: z.string().min(1, 'a Mastodon account needs an access token'),
  }),
  z.object({
    type: z.literal('webhook'),
    name: contentNameSchema,
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().optional(),
  }),
]);
export type SocialAccountInput = z.infer<typeof socialAccountInputSchema>;

export const MAX_POST_CHARACTERS = 5000;

export const socialPostInputSchema = z.object({
  account: contentNameSchema,
  text: z.string().trim().min(1, 'a post needs text').max(MAX_POST_CHARACTERS),
  /** When to post; default: now. */
  scheduledAt: z.coerce.date().optional(),
});
export type SocialPostInput = z.input<typeof socialPostInputSchema>;

export const SOCIAL_POST_STATUSES = ['scheduled', 'posted', 'failed'] as const;
export type SocialPostStatus = (typeof SOCIAL_POST_STATUSES)[number];

export interface SocialPost {
  id: string;
  account: string;
  text: string;
  scheduledAt: Date;
  status: SocialPostStatus;
  attempts: number;
  remoteId: string | null;
  remoteUrl: string | null;
  postedAt: Date | null;
  lastError: string | null;
  /** Engagement as last fetched from the network (null until fetched, or for webhook accounts). */
  engagement: { favourites: number; reblogs: number; replies: number; fetchedAt: Date } | null;
  contentItem: string | null;
}
