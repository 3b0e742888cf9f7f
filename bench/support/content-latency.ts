/**
 * Helpers of bench/content.bench.ts: per-request timing in-process and over HTTP (server-side time from Fastify,
 * client in its own process), percentiles, and which slow requests overlapped a garbage collection (to tell GC
 * pauses from request work in the p99).
 */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { ContentClientJob, ContentClientResult } from './content-client.ts';

export interface Timed {
  /** Milliseconds per request: the server's own time for HTTP, the call's wall clock in-process. */
  durations: number[];
  starts: number[];
  results: (number | null)[];
  /** Process CPU (user + system, all threads) over the run, divided by the requests. */
  cpuPerRequest: number;
  /** HTTP only: what the client saw (network stack and its own parsing included). */
  roundTrips?: number[];
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

function cpuMilliseconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Runs `work` for each visitor, one at a time, in this process. */
export async function timeEach(
  ids: readonly number[],
  work: (index: number) => Promise<number | null>,
): Promise<Timed> {
  const timed: Timed = { durations: [], starts: [], results: [], cpuPerRequest: 0 };
  const cpuStarted = process.cpuUsage();
  for (const index of ids) {
    const started = performance.now();
    timed.results.push(await work(index));
    timed.durations.push(performance.now() - started);
    timed.starts.push(started);
  }
  timed.cpuPerRequest = cpuMilliseconds(cpuStarted) / ids.length;
  return timed;
}

/**
 * Server-side time of each request, as Fastify measures it (from receiving the request to finishing the response):
 * attach before the server is ready, then `measure` one client run at a time (nothing else may call the server).
 */
export class ServerSideTimer {
  private recording: { durations: number[]; starts: number[] } | undefined;

  constructor(app: FastifyInstance) {
    app.addHook('onResponse', async (_request, reply) => {
      if (!this.recording) return;
      const finished = performance.now();
      this.recording.durations.push(reply.elapsedTime);
      this.recording.starts.push(finished - reply.elapsedTime);
    });
  }

  /** Runs the client process on `job` and returns the server-side times of its requests after the warm-up. */
  async measure(job: ContentClientJob): Promise<Timed> {
    const recording = { durations: [] as number[], starts: [] as number[] };
    this.recording = recording;
    const cpuStarted = process.cpuUsage();
    try {
      const result = await runClient(job);
      return {
        durations: recording.durations.slice(job.warmUp),
        starts: recording.starts.slice(job.warmUp),
        results: result.blocks,
        cpuPerRequest: cpuMilliseconds(cpuStarted) / job.visitors.length,
        roundTrips: result.roundTrips,
      };
    } finally {
      this.recording = undefined;
    }
  }
}

function runClient(job: ContentClientJob): Promise<ContentClientResult> {
  return new Promise((resolvePromise, reject) => {
    // The child inherits this process's `--import tsx`, so it runs the TypeScript file as it is.
    const child = fork(resolve(import.meta.dirname, 'content-client.ts'), { stdio: 'inherit' });
    let result: ContentClientResult | undefined;
    child.once('message', (message) => (result = message as ContentClientResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolvePromise(result);
      else reject(new Error(`the content client exited with code ${code} before reporting`));
    });
    child.send(job);
  });
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
