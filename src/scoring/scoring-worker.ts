/** The background worker `segmint serve` runs for lead scoring: a scoring pass every minute (it recomputes when due). */
import type { BackgroundWorker, BackgroundWorkerContext } from '../server/background-workers.ts';
import { runScoringPass } from './scoring-pass.ts';

export const SCORING_CHECK_INTERVAL_MS = 60_000;

export function startScoringWorker(
  context: BackgroundWorkerContext,
  intervalMs = SCORING_CHECK_INTERVAL_MS,
): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const pass = async () => {
    try {
      const result = await runScoringPass(context.store, context.clock.now());
      if (result.recomputed) {
        context.log(
          `lead scores recomputed: ${result.changedProfiles} changed, ${result.segmentTransitions} segment transitions`,
        );
      }
    } catch (error) {
      // The recompute is one transaction: a failed pass changed nothing, and the next one retries.
      context.log(`lead scoring worker: ${error instanceof Error ? error.message : String(error)}`);
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
    name: 'lead-scoring',
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
