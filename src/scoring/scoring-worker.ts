/** The background worker `segmint serve` runs for lead scoring: a scoring pass every minute (it recomputes when due). */
import {
  startPeriodicWorker,
  type BackgroundWorker,
  type BackgroundWorkerContext,
} from '../server/background-workers.ts';
import { runScoringPass } from './scoring-pass.ts';

export const SCORING_CHECK_INTERVAL_MS = 60_000;

export function startScoringWorker(
  context: BackgroundWorkerContext,
  intervalMs = SCORING_CHECK_INTERVAL_MS,
): BackgroundWorker {
  // The recompute is one transaction: a failed pass changed nothing, and the next one retries.
  return startPeriodicWorker({
    name: 'lead-scoring',
    intervalMs,
    log: context.log,
    pass: async () => {
      const result = await runScoringPass(context.store, context.clock.now());
      if (result.recomputed) {
        context.log(
          `lead scores recomputed: ${result.changedProfiles} changed, ${result.segmentTransitions} segment transitions`,
        );
      }
    },
  });
}
