import {
  ATTACH_TASK,
  CONTROL_DONE,
  CONTROL_FAILED,
  CONTROL_GENERATION,
  CONTROL_READY,
  CONTROL_WORKER_CHUNKS,
  CONTROL_WORKSPACE,
  MAX_CHUNKS,
  claimChunks,
  roundTag,
  startRound,
} from './kmeans-control.ts';
import { currentMachineLoad } from './machine-load.ts';
import type { MachineLoad } from './machine-load.ts';
import { poolOf, stopPool, waitForReady } from './kmeans-worker-pool.ts';
import { waitUntilAtLeast } from './spin-then-wait.ts';
import type { ChunkTask } from './kmeans-chunk-tasks.ts';
import { runChunkTask } from './kmeans-chunk-tasks.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { createWorkspace } from './kmeans-workspace.ts';
import { keepSharedBuffers } from './shared-buffer-cache.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';

/**
 * Runs the chunked passes of one k-means fit (kmeans-chunk-tasks.ts) on the calling thread alone or together with
 * worker threads. The API stays synchronous: the main thread works on chunks itself and then blocks (Atomics.wait)
 * until the workers have finished theirs. Results do not depend on the thread count (see kmeans-workspace.ts).
 */
export interface ChunkExecutor {
  readonly workspace: KMeansWorkspace;
  /** Runs `task` over every chunk; returns when all are done. */
  run(task: ChunkTask): void;
  /** Threads working on rounds (the calling thread included) and chunks run by worker threads so far. */
  stats(): { threads: number; readyWorkers: number; workerChunks: number };
  /** Ends the fit: the workers (kept for the next fit) let go of its buffers. Safe to call more than once. */
  close(): void;
}

/** Rows per chunk: large enough that claiming costs nothing, small enough to share out 1M rows evenly. */
export const DEFAULT_CHUNK_ROWS = 16_384;
/** Below this many rows a fit runs on one thread unless `threads` is given: starting workers costs more. */
export const PARALLEL_MIN_ROWS = 200_000;
const WORKER_ENTRY = new URL('./kmeans-worker-entry.mjs', import.meta.url);

/**
 * Threads when none are asked for: every core from PARALLEL_MIN_ROWS rows on, unless other programs keep at least
 * half of the cores busy (on 2 cores: any other runnable thread); then the calling thread alone. The threads of a fit
 * meet at the end of every round (~60 rounds per 1M-row fit), so one that shares its core waits, or is waited for:
 * with another program busy on one of the 2 cores of the benchmark machine, 1M-row fits took 1.1 s on 2 threads and
 * 0.85 s on 1, and at load average 6–9 up to 3× the 1-thread time. The choice is all cores or one, never a number in
 * between: the worker pool is kept across fits only while its size stays the same (kmeans-worker-pool.ts).
 */
export function defaultThreads(rows: number, machine: MachineLoad = currentMachineLoad()): number {
  if (rows < PARALLEL_MIN_ROWS) return 1;
  const { cores, otherRunnable } = machine;
  return otherRunnable < cores / 2 ? cores : 1;
}

export interface ExecutorOptions {
  matrix: FeatureMatrix;
  k: number;
  /** Threads including the calling one. Default: `defaultThreads(rows)`. */
  threads?: number | undefined;
  chunkRows?: number | undefined;
  /** For tests: block until every worker is ready (at most this many ms) so that workers surely take part. */
  waitForWorkersMs?: number | undefined;
  /** For tests: another worker entry (one that fails shows the fallback). */
  workerEntry?: URL | undefined;
}

export function createChunkExecutor(options: ExecutorOptions): ChunkExecutor {
  const { matrix, k } = options;
  const chunkRows = Math.max(options.chunkRows ?? DEFAULT_CHUNK_ROWS, Math.ceil(matrix.rows / MAX_CHUNKS));
  const chunks = Math.ceil(matrix.rows / chunkRows);
  const threads = Math.min(options.threads ?? defaultThreads(matrix.rows), chunks);
  if (threads <= 1)
    return inProcessExecutor(createWorkspace({ matrix, k, chunkRows, shared: false }).workspace);
  const { workspace, shape, owned } = createWorkspace({ matrix, k, chunkRows, shared: true });
  const pool = poolOf(threads - 1, options.workerEntry ?? WORKER_ENTRY);
  if (pool === undefined) return inProcessExecutor(workspace);
  const { control } = pool;
  const workspaceId = Atomics.load(control, CONTROL_WORKSPACE) + 1;
  for (const port of pool.ports) port.postMessage({ id: workspaceId, shape });
  Atomics.store(control, CONTROL_WORKSPACE, workspaceId);
  if (options.waitForWorkersMs !== undefined)
    waitForReady(control, pool.ports.length, options.waitForWorkersMs);
  const workerChunksBefore = Atomics.load(control, CONTROL_WORKER_CHUNKS);

  let closed = false;
  let failed = false;
  return {
    workspace,
    run: (task) => {
      startRound(control, task);
      try {
        claimChunks(control, workspace, roundTag(Atomics.load(control, CONTROL_GENERATION)));
      } catch (error) {
        // Workers may still be busy with this round: stop them rather than let them count into the next one.
        failed = true;
        stopPool(pool);
        throw error;
      }
      waitUntilAtLeast(control, CONTROL_DONE, chunks);
      if (Atomics.load(control, CONTROL_FAILED) !== 0) {
        failed = true;
        stopPool(pool);
        throw new Error('A k-means worker thread failed while computing a chunk (see its error output).');
      }
    },
    stats: () => ({
      threads: 1 + Atomics.load(control, CONTROL_READY),
      readyWorkers: Atomics.load(control, CONTROL_READY),
      workerChunks: Atomics.load(control, CONTROL_WORKER_CHUNKS) - workerChunksBefore,
    }),
    close: () => {
      if (closed) return;
      closed = true;
      // The workers stay for the next fit but let go of this one's buffers.
      const detachId = Atomics.load(control, CONTROL_WORKSPACE) + 1;
      for (const port of pool.ports) port.postMessage({ id: detachId, shape: null });
      Atomics.store(control, CONTROL_WORKSPACE, detachId);
      startRound(control, ATTACH_TASK);
      // No round runs any more, so the next fit may take the buffers; not after a failure, when stopped workers may
      // still be finishing a chunk.
      if (!failed) keepSharedBuffers(owned);
    },
  };
}

function inProcessExecutor(workspace: KMeansWorkspace): ChunkExecutor {
  return {
    workspace,
    run: (task) => {
      for (let chunk = 0; chunk < workspace.chunks; chunk++) runChunkTask(workspace, task, chunk);
    },
    stats: () => ({ threads: 1, readyWorkers: 0, workerChunks: 0 }),
    close: () => undefined,
  };
}
