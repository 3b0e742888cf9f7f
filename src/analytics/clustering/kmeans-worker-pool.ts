import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { CONTROL_READY, CONTROL_SLOTS, STOP_TASK, startRound } from './kmeans-control.ts';

/**
 * Worker threads live as long as the process (idle, they sleep in Atomics.wait and cost nothing) and serve every
 * fit of this thread, so that only the first fit pays their start-up (~0.4 s of CPU each under tsx, measured),
 * as scikit-learn's OpenMP threads are started once per process. They are unref'd (they never keep the process
 * alive) and stopped at exit, when a different size is asked for, and after a failure.
 */
export interface WorkerPool {
  readonly size: number;
  readonly entry: string;
  readonly control: Int32Array;
  readonly workers: Worker[];
  readonly ports: MessagePort[];
}
let currentPool: WorkerPool | undefined;
let exitHookInstalled = false;

export function poolOf(size: number, entry: URL): WorkerPool | undefined {
  if (currentPool?.size === size && currentPool.entry === entry.href) return currentPool;
  if (currentPool !== undefined) stopPool(currentPool);
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const pool: WorkerPool = { size, entry: entry.href, control, workers: [], ports: [] };
  for (let index = 0; index < size; index++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(entry, {
        workerData: { control: control.buffer, port: port2 },
        transferList: [port2],
        execArgv: [],
      });
      // A worker that fails to load never claims a chunk; the fits go on without it. Keep the error from
      // becoming an uncaught exception.
      worker.on('error', (error: unknown) => {
        process.emitWarning(`k-means worker thread stopped: ${String(error)}`);
      });
      worker.unref();
      port1.unref();
      pool.workers.push(worker);
      pool.ports.push(port1);
    } catch (error) {
      port1.close();
      process.emitWarning(
        `k-means runs on fewer threads: a worker thread could not start (${String(error)}).`,
      );
    }
  }
  if (pool.workers.length === 0) return undefined;
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => currentPool && stopPool(currentPool));
  }
  currentPool = pool;
  return pool;
}

export function stopPool(pool: WorkerPool): void {
  if (currentPool === pool) currentPool = undefined;
  startRound(pool.control, STOP_TASK);
  for (const port of pool.ports) port.close();
  for (const worker of pool.workers) void worker.terminate();
}

export function waitForReady(control: Int32Array, workers: number, timeoutMs: number): void {
  const deadline = performance.now() + timeoutMs;
  for (
    let ready = Atomics.load(control, CONTROL_READY);
    ready < workers;
    ready = Atomics.load(control, CONTROL_READY)
  ) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    Atomics.wait(control, CONTROL_READY, ready, left);
  }
}
