/**
 * Helpers of bench/content.bench.ts: per-request wall and CPU timing, percentiles, and which slow requests
 * overlapped a garbage collection (to tell GC pauses from query time in the p99).
 */
import { PerformanceObserver } from 'node:perf_hooks';

export interface Timed {
  durations: number[];
  cpu: number[];
  starts: number[];
  results: (number | null)[];
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** A deterministic pseudo-random sequence of profile numbers (the same for every variant). */
export function visitors(count: number, profiles: number): number[] {
  let state = 12345;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % profiles;
  });
}

/** Runs `work` for each visitor, one at a time, timing wall clock and process CPU (all threads) per request. */
export async function timeEach(
  ids: readonly number[],
  work: (index: number) => Promise<number | null>,
): Promise<Timed> {
  const timed: Timed = { durations: [], cpu: [], starts: [], results: [] };
  for (const index of ids) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    timed.results.push(await work(index));
    const used = process.cpuUsage(cpuStarted);
    timed.durations.push(performance.now() - started);
    timed.cpu.push((used.user + used.system) / 1000);
    timed.starts.push(started);
  }
  return timed;
}

/** Records garbage collections from now until `stop()`. */
export function recordGarbageCollections(): {
  stop: () => void;
  pauses: { start: number; duration: number }[];
} {
  const pauses: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return { stop: () => observer.disconnect(), pauses };
}

/** How many of the slowest 1% of requests overlapped a GC pause. */
export function slowRequestsDuringGc(timed: Timed, pauses: readonly { start: number; duration: number }[]) {
  const slowest = timed.durations
    .map((duration, index) => ({ duration, start: timed.starts[index] ?? 0 }))
    .sort((a, b) => b.duration - a.duration)
    .slice(0, Math.ceil(timed.durations.length / 100));
  const overlapping = slowest.filter((request) =>
    pauses.some(
      (pause) =>
        pause.start < request.start + request.duration && pause.start + pause.duration > request.start,
    ),
  ).length;
  return { slowest: slowest.length, overlapping };
}
