/**
 * Work `segmint serve` runs beside the API: each feature that needs a loop (journey worker, message dispatcher,
 * scheduled campaigns, content publishing, …) adds its starter to BACKGROUND_WORKERS. A starter must return at
 * once; `stop` finishes the step in progress (never abandons a transaction half way) and resolves when idle.
 */
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { startDispatcherWorker } from '../channels/dispatch/dispatcher-worker.ts';
import { startRetentionWorker } from '../privacy/retention-worker.ts';
import { startContentWorker } from '../content/content-worker.ts';
import { startJourneyWorker } from '../journeys/journey-worker.ts';
import { startCampaignWorker } from '../campaigns/campaign-worker.ts';
import { startScoringWorker } from '../scoring/scoring-worker.ts';

export interface BackgroundWorkerContext {
  store: Store;
  clock: Clock;
  /** The server's public base URL (tracking links, unsubscribe pages, feeds). */
  publicUrl: string;
  log: (line: string) => void;
}

export interface BackgroundWorker {
  readonly name: string;
  stop(): Promise<void>;
}

export type StartBackgroundWorker = (context: BackgroundWorkerContext) => BackgroundWorker;

export const BACKGROUND_WORKERS: readonly StartBackgroundWorker[] = [
  (context) => startDispatcherWorker(context),
  startRetentionWorker,
  (context) => startContentWorker(context),
  startJourneyWorker,
  startCampaignWorker,
  startScoringWorker,
];

/**
 * A worker that runs `pass` at once and then `intervalMs` after each pass ends (passes never overlap). A pass that
 * throws is logged and retried at the next interval; `stop` cancels the next pass and waits for a running one.
 */
export function startPeriodicWorker(options: {
  name: string;
  intervalMs: number;
  pass: () => Promise<void>;
  log: (line: string) => void;
}): BackgroundWorker {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const guarded = async () => {
    try {
      await options.pass();
    } catch (error) {
      options.log(`${options.name} worker: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = guarded().then(schedule);
    }, options.intervalMs);
  };
  let running: Promise<void> = guarded().then(schedule);
  return {
    name: options.name,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
