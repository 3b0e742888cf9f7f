/**
 * The journey worker: a pass scans triggers, then executes due runs in batches until none is due. `segmint serve`
 * runs passes in a loop (BACKGROUND_WORKERS); on PostgreSQL any number of processes may run it side by side.
 */
import type { Clock } from '../clock.ts';
import type { BackgroundWorker, BackgroundWorkerContext } from '../server/background-workers.ts';
import type { Store } from '../store/store.ts';
import { JourneyDefinitions } from './engine/journey-definitions.ts';
import { runJourneyBatch } from './engine/run-batch.ts';
import { scanJourneyTriggers, type ScanResult } from './entry/scan-triggers.ts';

export interface JourneyPassOptions {
  store: Store;
  clock: Clock;
  /** Runs claimed per transaction. */
  batchSize?: number;
  /** Stop after this many batches (a pass ends anyway when nothing is due). */
  maxBatches?: number;
  /** Skip the trigger scan (workers that only execute). */
  scan?: boolean;
  /** Keep loaded journey versions between passes. */
  definitions?: JourneyDefinitions;
}

export interface JourneyPassResult {
  scan: ScanResult | null;
  batches: number;
  steps: number;
  messages: number;
}

/**
 * Runs per transaction. DuckDB has one writer and no secondary indexes, so each batch pays a scan of the runs and
 * steps tables: large batches amortise it. PostgreSQL workers share the work: smaller batches spread it.
 */
export const DEFAULT_BATCH_SIZE = { duckdb: 10_000, postgres: 2_000 } as const;

export async function runJourneyPass(options: JourneyPassOptions): Promise<JourneyPassResult> {
  const definitions = options.definitions ?? new JourneyDefinitions();
  const scan =
    options.scan === false
      ? null
      : await scanJourneyTriggers({ store: options.store, clock: options.clock, definitions });
  const result: JourneyPassResult = { scan, batches: 0, steps: 0, messages: 0 };
  const maxBatches = options.maxBatches ?? 10_000;
  while (result.batches < maxBatches) {
    const batch = await runJourneyBatch({
      store: options.store,
      clock: options.clock,
      definitions,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE[options.store.engine],
    });
    if (batch.claimed === 0) break;
    result.batches += 1;
    result.steps += batch.steps;
    result.messages += batch.messages;
  }
  return result;
}

/** Pause between passes when the last one found nothing to do. */
const IDLE_POLL_MS = 1000;

export function startJourneyWorker(context: BackgroundWorkerContext): BackgroundWorker {
  const definitions = new JourneyDefinitions();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = async (): Promise<void> => {
    while (!stopping) {
      try {
        const pass = await runJourneyPass({ store: context.store, clock: context.clock, definitions });
        if (pass.steps > 0) context.log(`journeys: ${pass.steps} steps, ${pass.messages} messages queued`);
      } catch (error) {
        // A failed pass rolled back its transaction; the next pass retries the same steps.
        context.log(`journeys: pass failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, IDLE_POLL_MS);
      });
    }
  };
  const running = loop();
  return {
    name: 'journeys',
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
