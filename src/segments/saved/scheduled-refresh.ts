/**
 * Scheduled recompute inside `segmint serve`. Real-time refresh only sees profiles that send events, so a segment
 * whose condition depends on time ("no purchase in the last 90 days", birthdays) or that is not real-time must
 * also be recomputed on a clock. Runs never overlap: the next one is scheduled when the previous one has ended.
 */
import { SegmintError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { refreshComputedTraits } from '../traits/refresh-computed-traits.ts';
import { refreshAllSegments, type SegmentRefreshResult } from './refresh-membership.ts';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30s`, `15m`, `1h`, `1d` → milliseconds; `off` or `0` → null (no schedule). */
export function parseRefreshInterval(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off' || trimmed === '0') return null;
  const match = /^(\d+)\s*(s|m|h|d)$/.exec(trimmed);
  const amount = Number(match?.[1]);
  const unit = match?.[2];
  if (!match || (unit !== 's' && unit !== 'm' && unit !== 'h' && unit !== 'd') || amount < 1) {
    throw new SegmintError(
      'invalid_input',
      `--refresh-interval must be a duration like 30s, 15m, 1h or 1d, or "off" (got '${text}').`,
    );
  }
  return amount * UNIT_MS[unit];
}

export interface ScheduledRefresh {
  /** Cancels the next run and waits for a running one to finish. */
  stop(): Promise<void>;
}

export function startScheduledRefresh(options: {
  store: Store;
  intervalMs: number;
  log: (line: string) => void;
  clock?: () => Date;
}): ScheduledRefresh {
  const clock = options.clock ?? (() => new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const describe = (results: readonly SegmentRefreshResult[]): string => {
    const entered = results.reduce((sum, result) => sum + result.entered, 0);
    const exited = results.reduce((sum, result) => sum + result.exited, 0);
    return `${results.length} segments refreshed, ${entered} entered, ${exited} exited`;
  };
  const run = async (): Promise<void> => {
    try {
      // Computed traits first: segments may read them.
      const now = clock();
      const traits = await refreshComputedTraits(options.store, { now });
      const segments = await refreshAllSegments(options.store, { now });
      options.log(`Scheduled refresh: ${traits.length} computed traits, ${describe(segments)}.`);
    } catch (error) {
      // The next run repairs what this one missed; the server keeps serving.
      options.log(`Scheduled refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const scheduleNext = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        scheduleNext();
      });
    }, options.intervalMs);
    // The schedule alone must not keep the process alive.
    timer.unref();
  };
  scheduleNext();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
