/**
 * The background worker `segmint serve` runs for campaigns: every pass fires due campaigns, resumes interrupted
 * enqueues and takes due A/B decisions (`processDueCampaigns`). Time comes from the context's Clock.
 */
import {
  startPeriodicWorker,
  type BackgroundWorker,
  type BackgroundWorkerContext,
} from '../server/background-workers.ts';
import { processDueCampaigns } from './send-campaign.ts';

/** Seconds between passes: a scheduled campaign fires at most this late. */
export const CAMPAIGN_PASS_INTERVAL_MS = 15_000;

export function startCampaignWorker(
  context: BackgroundWorkerContext,
  intervalMs = CAMPAIGN_PASS_INTERVAL_MS,
): BackgroundWorker {
  // A failed pass changes nothing half way (each step is its own transaction); the next pass retries.
  return startPeriodicWorker({
    name: 'campaigns',
    intervalMs,
    log: context.log,
    pass: async () => {
      for (const progress of await processDueCampaigns(context.store, context.clock.now())) {
        context.log(
          `campaign "${progress.campaign}": ${progress.steps.join(' → ')}; ${progress.enqueued} messages enqueued; ${progress.status}`,
        );
      }
    },
  });
}
