/**
 * Waiting between the rounds of a k-means fit (kmeans-executor.ts, kmeans-worker.ts). What is waited for is short:
 * the last chunks of a round (~0.3 ms each) or the calling thread's serial step between two rounds (the k-means++
 * sampling, the centre update: ~1 ms). Sleeping in Atomics.wait at once gives the core away, and on a busy machine
 * the thread then waits for a free core again when woken, often for milliseconds, once per round: measured on the
 * shared 2-core machine (load ≈ 6) a 1M-row fit took 1.9–7.7 s on 2 threads against 2.4–2.6 s on 1 thread. So the
 * thread first spins (as OpenMP's threads do) and sleeps only when the wait lasts longer than SPIN_MS.
 */
export const SPIN_MS = 2;

/** Returns once `control[index]` ≥ `target`. */
export function waitUntilAtLeast(control: Int32Array, index: number, target: number): void {
  const spinUntil = performance.now() + SPIN_MS;
  for (let value = Atomics.load(control, index); value < target; value = Atomics.load(control, index)) {
    if (performance.now() < spinUntil) continue;
    Atomics.wait(control, index, value);
  }
}

/** Returns once `control[index]` differs from `seen`; returns the new value. */
export function waitForChange(control: Int32Array, index: number, seen: number): number {
  const spinUntil = performance.now() + SPIN_MS;
  for (let value = Atomics.load(control, index); ; value = Atomics.load(control, index)) {
    if (value !== seen) return value;
    if (performance.now() >= spinUntil) Atomics.wait(control, index, seen);
  }
}
