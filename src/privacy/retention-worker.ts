/**
 * Applies retention once a day inside `segmint serve`. The worker checks the clock every minute rather than sleeping
 * a day, so a restarted server catches up and a test clock can move it along.
 */
import type { BackgroundWorkerContext, StartBackgroundWorker } from '../server/background-workers.ts';
import { applyRetention } from './retention.ts';

const DAY_MS = 24 * 3600 * 1000;
const CHECK_INTERVAL_MS = 60_000;

/** One step: applies retention when a day has passed since the last run. Returns when it ran, or the last run. */
export async function runRetentionIfDue(
  context: Pick<BackgroundWorkerContext, 'store' | 'clock' | 'log'>,
  lastRunAt: Date | null,
): Promise<Date | null> {
  const now = context.clock.now();
  if (lastRunAt && now.getTime() - lastRunAt.getTime() < DAY_MS) return lastRunAt;
  const { deleted } = await applyRetention(context.store, { now });
  const total = Object.values(deleted).reduce((sum, count) => sum + count, 0);
  if (total > 0) context.log(`retention: deleted ${total} events (${JSON.stringify(deleted)})`);
  return now;
}

export const startRetentionWorker: StartBackgroundWorker = (context) => {
  let lastRunAt: Date | null = null;
  let step: Promise<void> = Promise.resolve();
  let stopped = false;
  let running = false;
  const tick = () => {
    // A long deletion must not overlap the next check.
    if (running) return;
    running = true;
    step = runRetentionIfDue(context, lastRunAt)
      .then(
        (ranAt) => {
          lastRunAt = ranAt;
        },
        (error: unknown) =>
          context.log(`retention failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, CHECK_INTERVAL_MS);
  timer.unref();
  return {
    name: 'retention',
    async stop() {
      stopped = true;
      clearInterval(timer);
      await step;
    },
  };
};
