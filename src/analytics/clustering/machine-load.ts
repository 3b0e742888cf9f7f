import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * How busy the machine is right now, for choosing a k-means fit's default thread count (kmeans-executor.ts).
 *
 * On Linux, /proc/loadavg names the threads runnable at the moment it is read ("0.50 0.40 0.30 3/345 …": 3, the
 * reading thread included). The least of a few reads 1 ms apart is taken: a burst, or this process's own worker
 * threads still spinning after the last fit (spin-then-wait.ts), does not count as lasting load. Elsewhere the
 * 1-minute load average beyond the number of cores stands in.
 */
export interface MachineLoad {
  readonly cores: number;
  /** Threads of other programs runnable now (Linux), or an estimate from the 1-minute load average. */
  readonly otherRunnable: number;
}

const READS = 5;
const READ_GAP_MS = 1;

export function currentMachineLoad(): MachineLoad {
  const cores = availableParallelism();
  const runnable = leastRunnableThreads();
  const [loadAverage = 0] = loadavg();
  // The load average also counts this process's own threads (up to `cores` while a fit runs): left out.
  const otherRunnable = runnable === undefined ? loadAverage - cores : runnable - 1;
  return { cores, otherRunnable: Math.max(0, otherRunnable) };
}

function leastRunnableThreads(): number | undefined {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let least: number | undefined;
  for (let read = 0; read < READS; read++) {
    if (read > 0) Atomics.wait(pause, 0, 0, READ_GAP_MS);
    const runnable = runnableThreads(readLoadavg());
    if (runnable === undefined) return undefined;
    least = least === undefined ? runnable : Math.min(least, runnable);
  }
  return least;
}

/** The runnable-thread count of /proc/loadavg, or undefined where there is no such file or it looks different. */
export function runnableThreads(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^\S+ \S+ \S+ (\d+)\//.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function readLoadavg(): string | undefined {
  try {
    return readFileSync('/proc/loadavg', 'utf8');
  } catch (error) {
    // Not Linux (or /proc not mounted): the caller falls back to the load average.
    if (error instanceof Error && 'code' in error) return undefined;
    throw error;
  }
}
