/**
 * One pass of content automation: publish due items, push publications to webhooks, post due social posts, and
 * (when asked) refresh social engagement. The background worker runs it on an interval; `segmint content
 * publish` and the API run it once; tests call it with a ManualClock.
 */
import type { Clock } from '../clock.ts';
import type { RetryPolicy } from '../channels/webhook/deliver-with-retries.ts';
import { postDueSocialPosts, type PostingResult } from '../channels/social/post-due-social-posts.ts';
import {
  refreshSocialEngagement,
  type EngagementResult,
} from '../channels/social/refresh-social-engagement.ts';
import type { Store } from '../store/store.ts';
import { deliverContentWebhooks, type DeliveryCycleResult } from './items/deliver-content-webhooks.ts';
import { publishDueContent, type PublishResult } from './items/publish-due-items.ts';

export interface ContentCycleResult {
  publications: PublishResult;
  webhooks: DeliveryCycleResult;
  social: PostingResult;
  engagement?: EngagementResult;
}

export interface ContentCycleOptions {
  clock: Clock;
  refreshEngagement?: boolean;
  /** The in-cycle retry policy of webhook pushes (tests pass a sleep that does not wait). */
  webhookPolicy?: RetryPolicy;
  timeoutMs?: number;
}

export async function runContentCycle(
  store: Store,
  options: ContentCycleOptions,
): Promise<ContentCycleResult> {
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const publications = await publishDueContent(store, options.clock);
  const webhooks = await deliverContentWebhooks(store, {
    clock: options.clock,
    ...timeout,
    ...(options.webhookPolicy ? { policy: options.webhookPolicy } : {}),
  });
  const social = await postDueSocialPosts(store, { clock: options.clock, ...timeout });
  if (!options.refreshEngagement) return { publications, webhooks, social };
  const engagement = await refreshSocialEngagement(store, { clock: options.clock, ...timeout });
  return { publications, webhooks, social, engagement };
}
