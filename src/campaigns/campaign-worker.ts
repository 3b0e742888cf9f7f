/**
 * The background worker `segmint serve` runs for campaigns: every pass fires due campaigns, resumes interrupted
 * enqueues and takes due A/B decisions (`processDueCampaigns`). Time comes from the context's Clock.
 */
import type { BackgroundWorker, BackgroundWorkerContext } from '../server/background-workers.ts';
import { processDueCampaigns } from './send-campaign.ts';

/** Seconds between passes: a scheduled campaign fires at most this late. */
export const CAMPAIGN_PASS_INTERVAL_MS = 15_000;

export function startCampaignWorker(
  context: BackgroundWorkerContext,
  intervalMs = CAMPAIGN_PASS_INTERVAL_MS,
): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const pass = async () => {
    try {
      for (const progress of await processDueCampaigns(context.store, context.clock.now())) {
        context.log(
          `campaign "${progress.campaign}": ${progress.steps.join(' → ')}; ${progress.enqueued} messages enqueued; ${progress.status}`,
        );
      }
    } catch (error) {
      // A failed pass changes nothing half way (each step is its own transaction); the next pass retries.
      context.log(`campaign worker: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().then(schedule);
    }, intervalMs);
  };
  running = pass().then(schedule);

  return {
    name: 'campaigns',
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
