/**
 * The content publisher `segmint serve` runs (BACKGROUND_WORKERS): a content cycle every `intervalMs`, engagement
 * refreshed every `engagementEveryMs`. Cycles never overlap; `stop` waits for the one in progress.
 */
import type { BackgroundWorker, BackgroundWorkerContext } from '../server/background-workers.ts';
import { runContentCycle } from './run-content-cycle.ts';

export interface ContentWorkerOptions {
  intervalMs?: number;
  engagementEveryMs?: number;
}

export function startContentWorker(
  context: BackgroundWorkerContext,
  options: ContentWorkerOptions = {},
): BackgroundWorker {
  const intervalMs = options.intervalMs ?? 30_000;
  const engagementEveryMs = options.engagementEveryMs ?? 3_600_000;
  let lastEngagementAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function cycle(): Promise<void> {
    const now = context.clock.now().getTime();
    const refreshEngagement = now - lastEngagementAt >= engagementEveryMs;
    if (refreshEngagement) lastEngagementAt = now;
    try {
      const result = await runContentCycle(context.store, { clock: context.clock, refreshEngagement });
      for (const published of result.publications.published)
        context.log(`content: published ${published.publicationId}`);
      for (const failure of result.publications.errors)
        context.log(`content: item "${failure.item}" could not be rendered: ${failure.error}`);
    } catch (error) {
      // A failed cycle (store briefly unavailable) is logged and the next one tries again.
      context.log(`content: cycle failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = cycle().then(schedule);
    }, intervalMs);
    timer.unref();
  }

  schedule();
  return {
    name: 'content-publisher',
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
